package dev.voiceplugin.impl.calls;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.tenancy.Tenancy;
import dev.voiceplugin.impl.web.Json;
import dev.voiceplugin.impl.web.ProblemWriter;
import dev.voiceplugin.impl.web.RequestIds;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * {@code POST /api/v1/realtime-calls} (an SDP offer in, 201 with the SDP answer out) and
 * {@code GET /api/v1/realtime-calls?status=active} (the tenant's running calls, for admins). A
 * servlet at the exact path like the mint, so creating a call holds no container thread while the
 * provider answers; {@code /realtime-calls/{id}} and the rest are Jersey resources.
 */
public final class CallServlet extends HttpServlet {
  private static final ObjectWriter JSON = Json.mapper().writer();
  private static final int MAX_OFFER_CHARS = 64 * 1024;

  private final transient Tenancy tenancy;
  private final transient CallService calls;
  private final Duration deadline;

  public CallServlet(Tenancy tenancy, CallService calls, Duration providerDeadline) {
    this.tenancy = tenancy;
    this.calls = calls;
    // Two provider calls (Azure mints first) and the sideband's handshake.
    this.deadline = providerDeadline.multipliedBy(2).plusSeconds(15);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String requestId = RequestIds.of(request);
    CompletableFuture<StartedCall> started;
    try {
      Caller caller = tenancy.requireSessionUser(request);
      String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
      if (!type.startsWith("application/sdp")) {
        throw new VoicePluginException(415, "unsupported_media_type", "A call is created from an SDP offer.",
            "Send the offer with Content-Type: application/sdp.");
      }
      String offer = new String(request.getInputStream().readNBytes(MAX_OFFER_CHARS + 1), StandardCharsets.UTF_8);
      if (!offer.startsWith("v=0") || offer.length() > MAX_OFFER_CHARS) {
        throw new VoicePluginException(400, "invalid_offer", "The body is not an SDP offer.",
            "Send the browser's RTCPeerConnection offer (its sdp) unchanged.");
      }
      started = calls.create(caller, offer, requestId);
    } catch (RuntimeException e) {
      ProblemWriter.write(response, e);
      return;
    }
    if (!request.isAsyncSupported()) {
      try {
        answer(request, response, started.get(deadline.toMillis(), TimeUnit.MILLISECONDS), null);
      } catch (Exception e) {
        answer(request, response, null, e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e);
      }
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(deadline.toMillis());
    AtomicBoolean answered = new AtomicBoolean();
    started.whenComplete((ok, failure) -> {
      if (answered.compareAndSet(false, true)) {
        MDC.put("requestId", requestId);
        try {
          answer((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), ok, failure);
        } catch (IOException | RuntimeException ignored) {
          // the browser went away; the supervisor still owns the call and its cap
        } finally {
          MDC.remove("requestId");
          async.complete();
        }
      }
    });
  }

  private static void answer(HttpServletRequest request, HttpServletResponse response, StartedCall ok, Throwable failure)
      throws IOException {
    if (failure != null) {
      ProblemWriter.write(response, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
      return;
    }
    response.setStatus(201);
    response.setHeader("Location", request.getContextPath() + "/api/v1/realtime-calls/" + ok.id());
    response.setHeader("X-Call-Ends-At", Long.toString(ok.endsAt().getEpochSecond()));
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/sdp");
    response.getOutputStream().write(ok.sdpAnswer().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try {
      Caller admin = tenancy.requireAdmin(request);
      String status = request.getParameter("status");
      if (status != null && !"active".equals(status)) {
        throw new VoicePluginException(400, "invalid_status", "Only status=active can be listed.", "Use ?status=active.");
      }
      List<CallView> items = calls.active(admin).stream().map(c -> CallView.of(c, calls.usage(admin, c))).toList();
      response.setStatus(200);
      response.setHeader("Cache-Control", "no-store");
      response.setContentType("application/json");
      JSON.writeValue(response.getOutputStream(), Map.of("items", items));
    } catch (RuntimeException e) {
      ProblemWriter.write(response, e);
    }
  }
}
