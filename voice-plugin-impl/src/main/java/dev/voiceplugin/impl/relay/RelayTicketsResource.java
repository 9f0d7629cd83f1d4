package dev.voiceplugin.impl.relay;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.tenancy.Tenancy;
import dev.voiceplugin.impl.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/realtime-relay/tickets}: a single-use ticket, valid 30 s, for opening the
 * relay socket as the signed-in user from this page's origin. The CSRF filter has already checked
 * that origin; the ticket remembers it, and the socket must come from the same one.
 */
@Path("realtime-relay")
@Produces(MediaType.APPLICATION_JSON)
public final class RelayTicketsResource {
  private final Tenancy tenancy;
  private final RelayService relay;

  public RelayTicketsResource(Tenancy tenancy, RelayService relay) {
    this.tenancy = tenancy;
    this.relay = relay;
  }

  @POST
  @Path("tickets")
  public Response ticket(@Context HttpServletRequest request) {
    Caller caller = tenancy.requireCaller(request);
    RelayService.Ticket ticket = relay.issue(caller, request.getHeader("Origin"), request.getContextPath(),
        RequestIds.of(request));
    return Response.status(201).entity(ticket).build();
  }
}
