package dev.voiceplugin.impl.session;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The mint's contract for the OpenAPI document. It is served by {@link MintServlet}, not by
 * Jersey, so this interface only describes it; the document is generated from it like any resource.
 */
@Path("realtime-session")
public interface MintEndpoint {
  /** Mints an ephemeral client secret for the caller's tenant (the body is ignored). */
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  MintResponse mint();
}
