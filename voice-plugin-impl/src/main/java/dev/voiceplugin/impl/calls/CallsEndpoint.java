package dev.voiceplugin.impl.calls;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The contract of {@link CallServlet} for the OpenAPI document (it is a servlet, not a Jersey
 * resource, so the provider call holds no container thread).
 */
@Path("realtime-calls")
public interface CallsEndpoint {
  /** Creates a call from the browser's SDP offer: 201, the SDP answer, Location and X-Call-Ends-At. */
  @POST
  @Consumes("application/sdp")
  @Produces("application/sdp")
  String create(String sdpOffer);

  /** The tenant's running calls (tenant admins). */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  Map<String, java.util.List<CallView>> active(@QueryParam("status") String status);
}
