package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.metrics.VoiceMetrics;
import dev.voiceplugin.impl.provider.ClientSecretMinter;
import dev.voiceplugin.impl.provider.MintedClientSecret;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.RealtimeSessionConfig;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.StoredSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Mints a client secret for the caller's tenant: rate limits, the tenant's (cached) settings, the
 * tenant's own key or else the platform's, the provider call, and an audit record of the outcome
 * whatever it is. The provider key never leaves this class except toward the provider.
 */
public final class MintService {
  private final SettingsService settings;
  private final ClientSecretMinter minter;
  private final MintRateLimiter limiter;
  private final SessionAudit audit;
  private final PlatformKeys platformKeys;
  private final Clock clock;
  private final VoiceMetrics metrics;

  public MintService(SettingsService settings, ClientSecretMinter minter, MintRateLimiter limiter, SessionAudit audit,
      PlatformKeys platformKeys, Clock clock, VoiceMetrics metrics) {
    this.settings = settings;
    this.minter = minter;
    this.limiter = limiter;
    this.audit = audit;
    this.platformKeys = platformKeys;
    this.clock = clock;
    this.metrics = metrics;
  }

  public MintResponse mint(Caller caller) {
    Instant started = clock.instant();
    StoredSettings stored = settings.current(caller.tenant());
    RealtimeSettings s = stored.settings();
    try {
      limiter.acquire(caller);
      MintedClientSecret minted = minter.mint(s, credential(caller, stored), SafetyIdentifier.forCaller(caller));
      record(caller, stored, started, MintedClientSecret.OUTCOME_OK, minted.upstreamStatus(),
          (int) minted.upstreamLatency().toMillis());
      return new MintResponse(s.provider().wire(), s.model(), minted.value(), minted.expiresAt(),
          minted.callsUrl().toString(), RealtimeSessionConfig.sessionUpdateEvent(s), s.iceServers(), stored.version());
    } catch (ProviderException e) {
      record(caller, stored, started, e.outcome(), e.upstreamStatus().isPresent() ? e.upstreamStatus().getAsInt() : null,
          (int) java.time.Duration.between(started, clock.instant()).toMillis());
      throw e;
    } catch (VoicePluginException e) {
      if (e instanceof MintRateLimiter.MintRateLimitedException) {
        metrics.rateLimited(String.valueOf(e.extensions().get("scope")));
      }
      record(caller, stored, started, e.code(), null, null);
      throw e;
    }
  }

  private ProviderCredential credential(Caller caller, StoredSettings stored) {
    RealtimeSettings s = stored.settings();
    if (!ProviderCredential.usesApiKey(s)) {
      return ProviderCredential.entraId();
    }
    Optional<String> key = settings.apiKey(caller.tenant(), stored).or(() -> platformKeys.forSettings(s));
    return ProviderCredential.apiKey(key.orElseThrow(() -> new ProviderNotConfiguredForTenantException(
        s.provider() == Provider.AZURE ? "Azure OpenAI" : "OpenAI", PlatformKeys.settingFor(s.provider()))));
  }

  private void record(Caller caller, StoredSettings stored, Instant at, String outcome, Integer status, Integer latencyMs) {
    String provider = stored.settings().provider().wire();
    metrics.mint(provider, outcome, java.time.Duration.between(at, clock.instant()));
    if (status != null) {
      metrics.upstreamStatus(provider, status);
    }

    audit.record(caller.tenant(), new MintAttempt(0, at, caller.userId(), stored.settings().provider().wire(),
        stored.settings().model(), stored.version(), outcome, status, latencyMs, MDC.get("requestId")));
  }
}
