package dev.voiceplugin.impl.transcripts;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code GET /api/v1/transcripts}, {@code GET|DELETE /api/v1/transcripts/{callId}}: the caller's
 * tenant's stored transcripts, for its admins only. The tenant comes from {@link Tenancy}, never the
 * path, so another tenant's transcript is simply "not found".
 */
@Path("transcripts")
public final class TranscriptsResource {
  private final Tenancy tenancy;
  private final Transcripts transcripts;

  public TranscriptsResource(Tenancy tenancy, Transcripts transcripts) {
    this.tenancy = tenancy;
    this.transcripts = transcripts;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(@Context HttpServletRequest request, @QueryParam("limit") @DefaultValue("20") int limit,
      @QueryParam("cursor") String cursor) {
    Caller admin = tenancy.requireAdmin(request);
    if (limit < 1 || limit > 100) {
      throw TranscriptException.badLimit();
    }
    return noStore(Response.ok(transcripts.list(admin, limit, Optional.ofNullable(cursor).filter(c -> !c.isEmpty()))));
  }

  @GET
  @Path("{callId}")
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public Response get(@Context HttpServletRequest request, @PathParam("callId") String callId,
      @QueryParam("format") @DefaultValue("json") String format) {
    Caller admin = tenancy.requireAdmin(request);
    if (!format.equals("json") && !format.equals("text")) {
      throw TranscriptException.unknownFormat(format.length() > 32 ? format.substring(0, 32) : format);
    }
    Transcript transcript = transcripts.find(admin, callId);
    if (format.equals("json")) {
      return noStore(Response.ok(transcript, MediaType.APPLICATION_JSON_TYPE));
    }
    return noStore(Response.ok(TranscriptText.of(transcript), "text/plain; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"transcript-" + transcript.summary().callId() + ".txt\""));
  }

  @DELETE
  @Path("{callId}")
  public Response delete(@Context HttpServletRequest request, @PathParam("callId") String callId) {
    Caller admin = tenancy.requireAdmin(request);
    transcripts.delete(admin, callId);
    return noStore(Response.noContent());
  }

  private static Response noStore(Response.ResponseBuilder response) {
    return response.header("Cache-Control", "no-store").build();
  }
}
