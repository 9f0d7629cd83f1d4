package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/realtime-settings/diagnostics}: a tenant administrator tests the tenant's
 * saved settings. Always 200 with a {@link DiagnosticsReport} once the test ran, whatever it found.
 * A POST (with the CSRF header) because it calls the provider and mints a secret.
 */
@Path("realtime-settings/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
public final class DiagnosticsResource {
  private final Tenancy tenancy;
  private final ConnectionDiagnostics diagnostics;

  public DiagnosticsResource(Tenancy tenancy, ConnectionDiagnostics diagnostics) {
    this.tenancy = tenancy;
    this.diagnostics = diagnostics;
  }

  @POST
  public Response run(@Context HttpServletRequest request) {
    Caller caller = tenancy.requireAdmin(request);
    return Response.ok(diagnostics.run(caller)).header("Cache-Control", "no-store").build();
  }
}
