package dev.voiceplugin.impl.provider.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.provider.ClientSecretMinter;
import dev.voiceplugin.impl.provider.EntraTokenSource;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.ProviderEndpoints;
import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.ProviderFailures;
import dev.voiceplugin.impl.provider.ProviderHttp;
import dev.voiceplugin.impl.provider.RealtimeSessionConfig;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.provider.Upstream;
import dev.voiceplugin.impl.provider.UpstreamResponse;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallProvider} for the GA Realtime API at OpenAI and Azure OpenAI. One instance per plugin;
 * thread-safe. It owns the sidebands' timer and listener threads: {@link #close()} at shutdown
 * drops every open sideband and stops them (and, when built by {@link #fromConfig}, the HTTP client).
 */
public final class RealtimeCallProvider implements CallProvider, AutoCloseable {
  /** Azure's two-step call: the secret only carries the session from our mint to our SDP post. */
  static final int AZURE_SECRET_TTL_SECONDS = 60;
  private static final Logger log = LoggerFactory.getLogger(RealtimeCallProvider.class);

  private final ProviderHttp http;
  private final EntraTokenSource entra;
  private final Clock clock;
  private final SidebandOptions options;
  private final ProviderEndpoints endpoints;
  private final ClientSecretMinter minter;
  private final boolean ownsHttp;
  private final ScheduledExecutorService timers;
  private final ExecutorService listeners;
  private final Set<RealtimeSideband> open = ConcurrentHashMap.newKeySet();

  /** Shares {@code http} (and its connections) with the minter; {@link #close()} leaves it open. */
  public RealtimeCallProvider(ProviderHttp http, EntraTokenSource entra, Clock clock) {
    this(http, entra, clock, SidebandOptions.DEFAULTS);
  }

  public RealtimeCallProvider(ProviderHttp http, EntraTokenSource entra, Clock clock, SidebandOptions options) {
    this(http, entra, clock, options, false);
  }

  private RealtimeCallProvider(ProviderHttp http, EntraTokenSource entra, Clock clock, SidebandOptions options,
      boolean ownsHttp) {
    this.http = Objects.requireNonNull(http, "http");
    this.entra = Objects.requireNonNull(entra, "entra");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.ownsHttp = ownsHttp;
    this.endpoints = new ProviderEndpoints(http.config().openAiBaseUrl());
    this.minter = new ClientSecretMinter(http, entra, clock);
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("voice-plugin-sideband-timer", new AtomicInteger()));
    // Listener work is short (the interface says so) but may touch the database: a few threads,
    // each sideband on one at a time, never the HTTP client's own.
    AtomicInteger n = new AtomicInteger();
    this.listeners = Executors.newFixedThreadPool(Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())),
        daemon("voice-plugin-sideband-events", n));
  }

  /** Its own HTTP client and Entra ID source from the plugin's configuration; {@link #close()} stops them too. */
  public static RealtimeCallProvider fromConfig(VoiceConfig config) {
    ProviderHttp http = ProviderHttp.fromConfig(config);
    return new RealtimeCallProvider(http, new EntraTokenSource(config, http), Clock.systemUTC(), SidebandOptions.DEFAULTS,
        true);
  }

  @Override
  public CompletableFuture<CreatedCall> create(RealtimeSettings settings, ProviderCredential credential, String sdpOffer,
      SafetyIdentifier user) {
    return started(() -> {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(credential, "credential");
      Objects.requireNonNull(user, "user");
      SdpOffers.requireOffer(sdpOffer);
      return !settings.provider().onAzure()
          ? createAtOpenAi(settings, credential, sdpOffer, user)
          : createAtAzure(settings, credential, sdpOffer, user);
    }).whenComplete((call, failure) -> logOutcome("Call creation", settings, call == null ? null : call.providerCallId(),
        failure));
  }

  private CompletableFuture<CreatedCall> createAtOpenAi(RealtimeSettings settings, ProviderCredential credential,
      String sdpOffer, SafetyIdentifier user) {
    CallAuth auth = CallAuth.of(settings, credential, entra);
    SdpOffers.Multipart body = SdpOffers.multipart(sdpOffer, json(RealtimeSessionConfig.mintSession(settings)));
    Map<String, String> headers = new LinkedHashMap<>(auth.headers());
    headers.put("OpenAI-Safety-Identifier", user.value());
    return http.postAsync(Upstream.OPENAI, endpoints.callsUrl(settings), body.contentType(), body.body(), "application/sdp",
        headers).thenApply(response -> SdpOffers.read(Upstream.OPENAI, requireSuccess(response, settings, auth)));
  }

  /**
   * Azure refuses the resource key on {@code /realtime/calls} ("This operation requires ephemeral
   * tokens") and wants raw SDP, so: mint a short-lived secret carrying the session, then post the
   * offer with it. The secret never leaves this method.
   */
  private CompletableFuture<CreatedCall> createAtAzure(RealtimeSettings settings, ProviderCredential credential,
      String sdpOffer, SafetyIdentifier user) {
    var mint = minter.prepare(settings, credential, AZURE_SECRET_TTL_SECONDS);
    return minter.mintAsync(mint, user).thenCompose(secret -> {
      CallAuth auth = new CallAuth(Upstream.AZURE_OPENAI, Map.of("Authorization", "Bearer " + secret.value()),
          List.of(secret.value()), credential.source());
      return http.postAsync(Upstream.AZURE_OPENAI, endpoints.callsUrl(settings), "application/sdp",
          sdpOffer.getBytes(StandardCharsets.UTF_8), "application/sdp", auth.headers())
          .thenApply(response -> SdpOffers.read(Upstream.AZURE_OPENAI, requireSuccess(response, settings, auth)));
    });
  }

  @Override
  public CompletableFuture<Sideband> attach(RealtimeSettings settings, ProviderCredential credential, String providerCallId,
      SidebandListener listener) {
    Objects.requireNonNull(listener, "listener");
    return started(() -> {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(credential, "credential");
      return attachAt(endpoints.sidebandUrl(settings, providerCallId), CallAuth.of(settings, credential, entra), providerCallId,
          settings.model(), listener);
    });
  }

  /**
   * Opens a sideband at {@code url} with this provider's threads, limits and failure mapping. Also
   * for GPT-Live's {@code …/live/sessions/{id}/attach}, which speaks the same JSON over a WebSocket:
   * so every sideband of the plugin has this one owner, and {@link #close()} drops them all.
   *
   * @param model named in a refusal (404 model, 403 access)
   */
  public CompletableFuture<Sideband> attachAt(java.net.URI url, CallAuth auth, String providerCallId, String model,
      SidebandListener listener) {
    Objects.requireNonNull(listener, "listener");
    return started(() -> {
      RealtimeSideband sideband = new RealtimeSideband(providerCallId, listener, options, timers, listeners,
          auth.secrets(), open::remove);
      return connect(url, auth, sideband, options, model, "the sideband was refused: ").thenApply(socket -> {
        log.info("Sideband attached to call {} at {}", providerCallId, auth.upstream().displayName());
        return (Sideband) socket;
      });
    });
  }

  /**
   * Opens a relayed session's own Realtime WebSocket with the tenant's key ({@link ProviderEndpoints#streamUrl});
   * messages reach {@code listener} as text, the next read only when it says so. Refusals complete
   * exceptionally like {@link #attach}'s.
   */
  public CompletableFuture<ProviderStream> openStream(RealtimeSettings settings, ProviderCredential credential, String label,
      SidebandOptions streamOptions, TextListener listener) {
    Objects.requireNonNull(listener, "listener");
    return started(() -> {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(credential, "credential");
      var url = endpoints.streamUrl(settings);
      CallAuth auth = CallAuth.of(settings, credential, entra);
      RealtimeSideband stream = new RealtimeSideband(label, listener, streamOptions, timers, listeners, auth.secrets(),
          open::remove);
      return connect(url, auth, stream, streamOptions, settings.model(), "the provider refused the session: ")
          .thenApply(socket -> (ProviderStream) socket);
    });
  }

  /**
   * Opens {@code socket} at {@code url}; a refusal is named as every provider failure is. The
   * outcome is handed to {@link #listeners}: the JDK completes it on a socket loop, which what
   * callers chain to it (reserving a call, attaching a supervisor) must not hold up.
   */
  private CompletableFuture<RealtimeSideband> connect(java.net.URI url, CallAuth auth, RealtimeSideband socket,
      SidebandOptions socketOptions, String model, String refusedPrefix) {
    open.add(socket);
    var builder = http.newWebSocketBuilder().connectTimeout(socketOptions.connectTimeout());
    auth.headers().forEach(builder::header);
    return builder.buildAsync(url, socket).handleAsync((webSocket, failure) -> {
      if (failure == null) {
        socket.opened(webSocket);
        return socket;
      }
      ProviderException refused = SidebandHandshakes.failure(auth, url, socket.callId(), failure, http.config(),
          socketOptions.connectTimeout(), model, clock);
      socket.failedToOpen(refusedPrefix + refused.getMessage());
      throw new CompletionException(refused);
    }, listeners);
  }

  @Override
  public CompletableFuture<Void> hangup(RealtimeSettings settings, ProviderCredential credential, String providerCallId) {
    return started(() -> {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(credential, "credential");
      var url = endpoints.hangupUrl(settings, providerCallId);
      CallAuth auth = CallAuth.of(settings, credential, entra);
      return http.postEmptyAsync(auth.upstream(), url, auth.headers()).thenApply(response -> {
        if (response.status() == 404) {
          throw ProviderFailures.callNotFound(auth.upstream(), providerCallId, 404);
        }
        requireSuccess(response, settings, auth);
        return (Void) null;
      });
    }).whenComplete((done, failure) -> logOutcome("Hang-up", settings, providerCallId, failure));
  }

  @Override
  public com.fasterxml.jackson.databind.node.ObjectNode endingSoonEvent(RealtimeSettings settings) {
    var event = Json.mapper().createObjectNode().put("type", "response.create");
    event.putObject("response").put("instructions",
        "Tell the user in one short sentence that this call ends in one minute because of its time limit.");
    return event;
  }

  @Override
  public boolean browserCanReconfigure(RealtimeSettings settings) {
    return true; // the browser is a full peer of the call: its data channel takes session.update
  }

  /** Drops every open sideband (each listener hears {@code onClosed} once) and stops the threads. */
  @Override
  public void close() {
    List.copyOf(open).forEach(RealtimeSideband::abort);
    timers.shutdownNow();
    listeners.shutdown();
    try {
      if (!listeners.awaitTermination(2, TimeUnit.SECONDS)) {
        listeners.shutdownNow();
      }
    } catch (InterruptedException e) {
      listeners.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (ownsHttp) {
      http.close();
    }
  }

  /** How many sidebands are open now (for metrics and tests). */
  public int openSidebands() {
    return open.size();
  }

  private UpstreamResponse requireSuccess(UpstreamResponse response, RealtimeSettings settings, CallAuth auth) {
    if (!response.isSuccess()) {
      throw ProviderFailures.forStatus(auth.upstream(), response, settings.model(), auth.source(), auth.secrets(), clock);
    }
    return response;
  }

  /** Runs {@code start}; anything it throws fails the returned stage instead (one way to fail). */
  private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void logOutcome(String what, RealtimeSettings settings, String callId, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    String provider = settings == null ? "?" : CallAuth.upstream(settings).displayName();
    if (cause instanceof ProviderException e) {
      log.info("{} at {} failed: outcome={} upstreamStatus={}", what, provider, e.outcome(),
          e.upstreamStatus().isPresent() ? e.upstreamStatus().getAsInt() : "none");
    } else if (cause == null) {
      log.info("{} at {} done: call={}", what, provider, callId);
    }
  }

  private static byte[] json(Object tree) {
    try {
      return Json.mapper().writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name, AtomicInteger n) {
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
