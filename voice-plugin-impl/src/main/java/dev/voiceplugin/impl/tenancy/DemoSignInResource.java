package dev.voiceplugin.impl.tenancy;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.VoicePluginException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The demo sign-in of the local run: {@code POST /api/v1/demo/sign-in} with
 * {@code {"tenant","user","admin"}} sets a signed cookie. Registered only when
 * {@code VOICE_DEMO_MODE=true}; everywhere else the path does not exist (404).
 */
@Path("demo")
public final class DemoSignInResource {

  /** Who to sign in as. */
  public record SignIn(String tenant, String user, Boolean admin) {}

  @POST
  @Path("sign-in")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response signIn(SignIn body, @Context HttpServletRequest request) {
    if (body == null || TenantId.parse(body.tenant()).isEmpty() || body.user() == null
        || !body.user().matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new VoicePluginException(400, "validation_failed", "tenant and user are required.",
          "Send {\"tenant\":\"acme\",\"user\":\"alice\",\"admin\":true}; both are letters, digits and . _ - @.",
          Map.of("errors", java.util.List.of(Map.of("field", "tenant", "code", "required", "message", "tenant and user are required"))), null);
    }
    DemoSession session = new DemoSession(body.tenant(), body.user(), Boolean.TRUE.equals(body.admin()));
    return Response.noContent().header("Set-Cookie", cookie(session.toCookieValue(), request, -1)).build();
  }

  @POST
  @Path("sign-out")
  public Response signOut(@Context HttpServletRequest request) {
    return Response.noContent().header("Set-Cookie", cookie("", request, 0)).build();
  }

  /** An RFC 6265 cookie; JAX-RS's NewCookie adds "Version=1", which Tomcat 11 and browsers no longer honour. */
  private static String cookie(String value, HttpServletRequest request, int maxAge) {
    String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
    return DemoSession.COOKIE + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict"
        + (request.isSecure() ? "; Secure" : "") + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
  }
}
