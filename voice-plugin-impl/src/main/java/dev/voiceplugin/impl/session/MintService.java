package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.metrics.VoiceMetrics;
import dev.voiceplugin.impl.provider.ClientSecretMinter;
import dev.voiceplugin.impl.provider.MintedClientSecret;
import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.StoredSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * Mints a client secret for the caller's tenant: the tenant's (cached) settings, the rate limits,
 * the tenant's own key or else the platform's, the provider call, and an audit record of the
 * outcome whatever it is, including attempts refused before the settings could be read. The
 * provider call holds no thread: the returned stage completes on the HTTP client's executor. At
 * most {@code maxInFlight} provider calls are under way at once; more are refused at once.
 */
public final class MintService {
  private final SettingsService settings;
  private final ClientSecretMinter minter;
  private final MintRateLimiter limiter;
  private final SessionAudit audit;
  private final MintPlans plans;
  private final Semaphore inFlight;
  private final Clock clock;
  private final VoiceMetrics metrics;

  public MintService(SettingsService settings, ClientSecretMinter minter, MintRateLimiter limiter, SessionAudit audit,
      PlatformKeys platformKeys, int maxInFlight, Clock clock, VoiceMetrics metrics) {
    this.settings = settings;
    this.minter = minter;
    this.limiter = limiter;
    this.audit = audit;
    this.plans = new MintPlans(settings, minter, platformKeys);
    this.inFlight = new Semaphore(maxInFlight);
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Starts a mint; the stage fails with a {@link VoicePluginException} named by its code. */
  public CompletableFuture<MintResponse> mint(Caller caller, String requestId) {
    Instant started = clock.instant();
    StoredSettings stored;
    try {
      stored = settings.current(caller.tenant());
    } catch (VoicePluginException e) {
      record(caller, null, started, e.code(), null, null, requestId);
      return CompletableFuture.failedFuture(e);
    }
    try {
      if (stored.settings().provider().live()) {
        throw new LiveHasNoClientSecretsException();
      }
      limiter.acquire(caller);
      MintPlans.Plan plan = plans.forTenant(caller.tenant(), stored);
      if (!inFlight.tryAcquire()) {
        throw new ProviderBusyException();
      }
      CompletableFuture<MintedClientSecret> call;
      try {
        call = minter.mintAsync(plan.prepared(), SafetyIdentifier.forCaller(caller));
      } catch (RuntimeException e) {
        inFlight.release();
        throw e;
      }
      return call.handle((minted, failure) -> {
        inFlight.release();
        if (failure == null) {
          record(caller, stored, started, MintedClientSecret.OUTCOME_OK, minted.upstreamStatus(),
              (int) minted.upstreamLatency().toMillis(), requestId);
          RealtimeSettings s = stored.settings();
          return new MintResponse(s.provider().wire(), s.model(), minted.value(), minted.expiresAt(), plan.webrtcUrl(),
              plan.sessionUpdate(), s.iceServers(), stored.version(), plan.answer());
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ProviderException e) {
          record(caller, stored, started, e.outcome(), e.upstreamStatus().isPresent() ? e.upstreamStatus().getAsInt() : null,
              (int) Duration.between(started, clock.instant()).toMillis(), requestId);
        } else {
          record(caller, stored, started, "internal_error", null, null, requestId);
        }
        throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
      });
    } catch (VoicePluginException e) {
      if (e instanceof MintRateLimiter.MintRateLimitedException) {
        metrics.rateLimited(String.valueOf(e.extensions().get("scope")));
      }
      record(caller, stored, started, e.code(), null, null, requestId);
      return CompletableFuture.failedFuture(e);
    }
  }

  private void record(Caller caller, StoredSettings stored, Instant at, String outcome, Integer status, Integer latencyMs,
      String requestId) {
    String provider = stored == null ? null : stored.settings().provider().wire();
    metrics.mint(provider == null ? "unknown" : provider, outcome, Duration.between(at, clock.instant()));
    if (status != null) {
      metrics.upstreamStatus(provider, status);
    }
    audit.record(caller.tenant(), new MintAttempt(0, at, caller.userId(), provider,
        stored == null ? null : stored.settings().model(), stored == null ? null : stored.version(), outcome, status,
        latencyMs, requestId));
  }
}
