package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/realtime-session/audit} lists the tenant's mint attempts. (The mint itself,
 * {@code POST /api/v1/realtime-session}, is {@link MintServlet}.)
 */
@Path("realtime-session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
  private final Tenancy tenancy;
  private final SessionAudit audit;

  public SessionResource(Tenancy tenancy, SessionAudit audit) {
    this.tenancy = tenancy;
    this.audit = audit;
  }

  @GET
  @Path("audit")
  public SessionAudit.Page audit(@Context HttpServletRequest request, @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    Caller caller = tenancy.requireAdmin(request);
    if (page < 0 || size < 1 || size > 200) {
      throw new VoicePluginException(400, "invalid_paging", "page must be 0 or more and size 1 to 200.", "Use ?page=0&size=50.");
    }
    return audit.page(caller.tenant(), page, size);
  }
}
