package dev.voiceplugin.impl.tenancy;

import dev.voiceplugin.api.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/me}: who the plugin thinks the caller is, so the admin page can greet them. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
  private final Tenancy tenancy;

  public MeResource(Tenancy tenancy) {
    this.tenancy = tenancy;
  }

  /** The caller's identity and permissions. */
  public record Me(String tenantId, String userId, boolean admin, boolean mayStartSession) {}

  @GET
  public Me me(@Context HttpServletRequest request) {
    Caller caller = tenancy.requireCaller(request);
    return new Me(caller.tenant().value(), caller.userId(),
        tenancy.mayAdminister(request, caller.tenant()), tenancy.mayStartSession(request, caller.tenant()));
  }
}
