package dev.voiceplugin.impl.provider.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.provider.EntraTokenSource;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.ProviderEndpoints;
import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.ProviderHttp;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.provider.calls.CallAuth;
import dev.voiceplugin.impl.provider.calls.CallProvider;
import dev.voiceplugin.impl.provider.calls.CreatedCall;
import dev.voiceplugin.impl.provider.calls.RealtimeCallProvider;
import dev.voiceplugin.impl.provider.calls.Sideband;
import dev.voiceplugin.impl.provider.calls.SidebandListener;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallProvider} for GPT-Live at OpenAI ({@code /v1/live/sessions}) and Azure OpenAI
 * ({@code /openai/v1/live/sessions}). GPT-Live has no client secrets: the server always creates
 * the session, with the tenant's key, from the browser's offer. Its sidebands are opened by the
 * {@link RealtimeCallProvider} (same JSON-over-WebSocket, same limits, one owner of every socket
 * and listener thread); this class keeps no threads of its own. Thread-safe.
 */
public final class LiveCallProvider implements CallProvider {
  /**
   * How long to wait for {@code session.closed} after {@code session.close}; the Azure voice-agent
   * SDK waits 5 s on a graceful shutdown.
   */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(LiveCallProvider.class);
  private static final SidebandListener IGNORE = new SidebandListener() {
    @Override
    public void onEvent(JsonNode event) {}

    @Override
    public void onClosed(int code, String reason) {}
  };

  private final ProviderHttp http;
  private final EntraTokenSource entra;
  private final Clock clock;
  private final RealtimeCallProvider sockets;
  private final ProviderEndpoints endpoints;

  /** Shares {@code http} with the minter and the Realtime calls; {@code sockets} opens (and at shutdown drops) the sidebands. */
  public LiveCallProvider(ProviderHttp http, EntraTokenSource entra, Clock clock, RealtimeCallProvider sockets) {
    this.http = Objects.requireNonNull(http, "http");
    this.entra = Objects.requireNonNull(entra, "entra");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sockets = Objects.requireNonNull(sockets, "sockets");
    this.endpoints = new ProviderEndpoints(http.config().openAiBaseUrl());
  }

  /**
   * {@code POST …/live/sessions} with {@code {session, transport:{type:"webrtc", sdp}}} (JSON) and
   * the tenant's credential; the answer's {@code session.id} becomes the call's provider id.
   */
  @Override
  public CompletableFuture<CreatedCall> create(RealtimeSettings settings, ProviderCredential credential, String sdpOffer,
      SafetyIdentifier user) {
    return started(() -> {
      requireLive(settings);
      Objects.requireNonNull(credential, "credential");
      Objects.requireNonNull(user, "user");
      if (sdpOffer == null || !sdpOffer.startsWith("v=0")) {
        throw new IllegalArgumentException("an SDP offer starts with the line v=0");
      }
      CallAuth auth = CallAuth.of(settings, credential, entra);
      Map<String, String> headers = new LinkedHashMap<>(auth.headers());
      if (!settings.provider().onAzure()) {
        headers.put("OpenAI-Safety-Identifier", user.value());
      }
      byte[] body = json(LiveSessionConfig.createRequest(settings, sdpOffer));
      return http.postAsync(auth.upstream(), endpoints.liveSessionsUrl(settings), "application/json", body, "application/json",
          headers).thenApply(response -> {
            if (response.status() >= 300) {
              throw LiveFailures.forStatus(response, settings.model(), auth, clock);
            }
            return LiveSessions.read(auth.upstream(), response);
          });
    }).whenComplete((call, failure) -> logOutcome("GPT-Live session creation", settings,
        call == null ? null : call.providerCallId(), failure));
  }

  /** {@code wss://…/live/sessions/{id}/attach} with the credential that created the session. */
  @Override
  public CompletableFuture<Sideband> attach(RealtimeSettings settings, ProviderCredential credential, String providerCallId,
      SidebandListener listener) {
    Objects.requireNonNull(listener, "listener");
    return started(() -> {
      requireLive(settings);
      Objects.requireNonNull(credential, "credential");
      LiveSideband live = new LiveSideband(listener);
      return sockets.attachAt(endpoints.liveAttachUrl(settings, providerCallId), CallAuth.of(settings, credential, entra),
          providerCallId, settings.model(), live.events()).thenApply(live::bind);
    });
  }

  /** GPT-Live's REST hang-up ends SIP calls only: a WebRTC session is ended with {@code session.close}. */
  @Override
  public CompletableFuture<Void> hangup(RealtimeSettings settings, ProviderCredential credential, String providerCallId) {
    return end(settings, credential, providerCallId, Optional.empty());
  }

  /**
   * Sends {@code session.close} over this instance's sideband of the call, or over one attached just
   * for it (another instance holds the call, or its sideband dropped), and waits up to {@link
   * #CLOSE_WAIT} for {@code session.closed}; idempotent once the session has closed.
   */
  @Override
  public CompletableFuture<Void> end(RealtimeSettings settings, ProviderCredential credential, String providerCallId,
      Optional<Sideband> attached) {
    if (attached.orElse(null) instanceof LiveSideband live && live.isOpen()) {
      return close(live, providerCallId);
    }
    return attach(settings, credential, providerCallId, IGNORE).thenCompose(sideband -> {
      LiveSideband live = (LiveSideband) sideband;
      return close(live, providerCallId).whenComplete((ok, failure) -> live.close());
    }).whenComplete((done, failure) -> logOutcome("GPT-Live session close", settings, providerCallId, failure));
  }

  private static CompletableFuture<Void> close(LiveSideband live, String sessionId) {
    if (live.sessionClosed().isDone()) {
      return CompletableFuture.completedFuture(null);
    }
    return live.send(Json.mapper().createObjectNode().put("type", "session.close"))
        .thenCompose(sent -> live.sessionClosed().copy().orTimeout(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
            .exceptionally(timeout -> {
              log.info("GPT-Live session {} sent no session.closed within {} s of session.close", sessionId,
                  CLOSE_WAIT.toSeconds());
              return null;
            }));
  }

  /**
   * {@code session.commentary.append} with no delegation id is spoken context that any delegation
   * mode accepts; GPT-Live has no {@code response.create} for the voice model.
   */
  @Override
  public ObjectNode endingSoonEvent(RealtimeSettings settings) {
    ObjectNode event = Json.mapper().createObjectNode().put("type", "session.commentary.append")
        .put("content", "This call ends in one minute because of its time limit.");
    event.putNull("delegation_id");
    return event;
  }

  /** The data channel's allow-list lets the browser send only mute and unmute; a session is immutable anyway. */
  @Override
  public boolean browserCanReconfigure(RealtimeSettings settings) {
    return false;
  }

  private static void requireLive(RealtimeSettings settings) {
    Objects.requireNonNull(settings, "settings");
    if (!settings.provider().live()) {
      throw new IllegalArgumentException("provider " + settings.provider().wire() + " is not GPT-Live");
    }
  }

  /** Runs {@code start}; anything it throws fails the returned stage instead (one way to fail). */
  private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void logOutcome(String what, RealtimeSettings settings, String sessionId, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    String provider = settings == null ? "?" : CallAuth.upstream(settings).displayName();
    if (cause instanceof ProviderException e) {
      log.info("{} at {} failed: outcome={} upstreamStatus={}", what, provider, e.outcome(),
          e.upstreamStatus().isPresent() ? e.upstreamStatus().getAsInt() : "none");
    } else if (cause == null) {
      log.info("{} at {} done: session={}", what, provider, sessionId);
    }
  }

  private static byte[] json(Object tree) {
    try {
      return Json.mapper().writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
