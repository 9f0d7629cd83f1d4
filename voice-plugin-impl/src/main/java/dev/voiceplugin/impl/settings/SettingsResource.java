package dev.voiceplugin.impl.settings;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;

/**
 * The caller's tenant's realtime settings. The tenant is never in the path: it comes from
 * {@link Tenancy}, so one tenant's admin cannot even name another tenant's data.
 */
@Path("realtime-settings")
@Produces(MediaType.APPLICATION_JSON)
public final class SettingsResource {
  private final Tenancy tenancy;
  private final SettingsService settings;

  public SettingsResource(Tenancy tenancy, SettingsService settings) {
    this.tenancy = tenancy;
    this.settings = settings;
  }

  @GET
  public Response get(@Context HttpServletRequest request) {
    Caller caller = tenancy.requireAdmin(request);
    return withETag(settings.document(caller.tenant()));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@Context HttpServletRequest request, @HeaderParam("If-Match") String ifMatch, SettingsUpdate update) {
    Caller caller = tenancy.requireAdmin(request);
    OptionalLong expected = parseIfMatch(ifMatch);
    if (expected.isEmpty()) {
      throw new PreconditionRequiredException();
    }
    return withETag(settings.update(caller, expected.getAsLong(), update));
  }

  @GET
  @Path("history")
  public HistoryPage history(@Context HttpServletRequest request, @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("20") int size) {
    Caller caller = tenancy.requireAdmin(request);
    if (page < 0 || size < 1 || size > 100) {
      throw new VoicePluginException(400, "invalid_paging", "page must be 0 or more and size 1 to 100.",
          "Use ?page=0&size=20.");
    }
    return settings.history(caller.tenant(), page, size);
  }

  @POST
  @Path("history/{version}/restore")
  public Response restore(@Context HttpServletRequest request, @PathParam("version") long version,
      @HeaderParam("If-Match") String ifMatch) {
    Caller caller = tenancy.requireAdmin(request);
    return withETag(settings.restore(caller, version, parseIfMatch(ifMatch)));
  }

  @DELETE
  @Path("api-key")
  public Response deleteApiKey(@Context HttpServletRequest request, @HeaderParam("If-Match") String ifMatch) {
    Caller caller = tenancy.requireAdmin(request);
    return withETag(settings.removeApiKey(caller, parseIfMatch(ifMatch)));
  }

  private static Response withETag(SettingsDocument document) {
    return Response.ok(document).tag(new EntityTag(Long.toString(document.version())))
        .header("Cache-Control", "no-store").build();
  }

  /** {@code "7"} (or {@code W/"7"}) → 7; absent → empty; anything else can never match the current version. */
  static OptionalLong parseIfMatch(String header) {
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    String value = header.trim();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return OptionalLong.of(-1);
    }
  }
}
