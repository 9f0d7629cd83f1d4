package dev.voiceplugin.impl.calls;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * {@code /api/v1/realtime-calls/options}, {@code …/{id}} (GET, DELETE): a user sees and ends their
 * own calls, a tenant admin every call of the tenant; another tenant's call is "not found".
 */
@Path("realtime-calls")
@Produces(MediaType.APPLICATION_JSON)
public final class CallsResource {
  private final Tenancy tenancy;
  private final CallService calls;

  public CallsResource(Tenancy tenancy, CallService calls) {
    this.tenancy = tenancy;
    this.calls = calls;
  }

  @GET
  @Path("options")
  public CallService.Options options(@Context HttpServletRequest request) {
    return calls.options(tenancy.requireSessionUser(request));
  }

  @GET
  @Path("{id}")
  public CallView call(@Context HttpServletRequest request, @PathParam("id") String id) {
    Caller caller = tenancy.requireCaller(request);
    CallRecord call = calls.find(caller, tenancy.mayAdminister(request, caller.tenant()), parse(id));
    return CallView.of(call, calls.usage(caller, call));
  }

  @DELETE
  @Path("{id}")
  public Response end(@Context HttpServletRequest request, @PathParam("id") String id) {
    Caller caller = tenancy.requireCaller(request);
    calls.end(caller, tenancy.mayAdminister(request, caller.tenant()), parse(id));
    return Response.noContent().build();
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw CallRefusedException.notFound();
    }
  }
}
