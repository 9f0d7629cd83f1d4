package dev.voiceplugin.impl.calls;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.provider.calls.CallProvider;
import dev.voiceplugin.impl.session.MintAttempt;
import dev.voiceplugin.impl.session.MintRateLimiter;
import dev.voiceplugin.impl.session.PlatformKeys;
import dev.voiceplugin.impl.session.SessionAudit;
import dev.voiceplugin.impl.session.TenantCredentials;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.StoredSettings;
import dev.voiceplugin.impl.usage.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Server-controlled calls for a tenant: checks mode, rate limits, monthly budget and the
 * concurrency cap (reserved in PostgreSQL before the provider is asked), creates the call from the
 * browser's offer with the tenant's settings and key, and attaches the sideband before answering,
 * so no call runs unwatched. The tenant's instructions never reach the browser in this mode.
 */
public final class CallService {
  private final SettingsService settings;
  private final PlatformKeys platformKeys;
  private final MintRateLimiter limiter;
  private final CallRepository calls;
  private final UsageStore usage;
  private final CallProvider provider;
  private final CallSupervisor supervisor;
  private final SessionAudit audit;
  private final CallMetrics metrics;
  private final Clock clock;
  private final Duration ceiling;

  public CallService(SettingsService settings, PlatformKeys platformKeys, MintRateLimiter limiter, CallRepository calls,
      UsageStore usage, CallProvider provider, CallSupervisor supervisor, SessionAudit audit, CallMetrics metrics, Clock clock,
      Duration ceiling) {
    this.ceiling = ceiling;
    this.settings = settings;
    this.platformKeys = platformKeys;
    this.limiter = limiter;
    this.calls = calls;
    this.usage = usage;
    this.provider = provider;
    this.supervisor = supervisor;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
    metrics.watchActive(supervisor::watching);
    supervisor.start(this::resolve);
  }

  /**
   * What the widget needs before it makes its offer, and what it tells the user before Start.
   *
   * @param api {@code realtime} or {@code live}: which provider events the browser's data channel will carry
   * @param browserEvents GPT-Live: the client events the browser may send (mute, unmute); empty for the Realtime API
   * @param relay whether the widget may fall back to the WebSocket relay (off, offer, automatic; always off for GPT-Live)
   * @param pushToTalk off, offered or on (always off for GPT-Live)
   * @param userTranscription whether the session transcribes the user's words ({@code audio.input.transcription};
   *     GPT-Live transcribes both sides by itself)
   * @param transcriptStorage whether this tenant's call transcripts are stored, and for how many days
   */
  public record Options(String mode, List<dev.voiceplugin.impl.settings.IceServer> iceServers, int maxCallSeconds, String api,
      List<String> browserEvents, String relay, String pushToTalk, boolean userTranscription, TranscriptStorage transcriptStorage) {}

  /** Whether a call's transcript is kept, and for how long after the call starts. */
  public record TranscriptStorage(boolean enabled, int retentionDays) {}

  public Options options(Caller caller) {
    RealtimeSettings s = settings.current(caller.tenant()).settings();
    boolean live = s.provider().live();
    // Stored only where the plugin sees the call: server-controlled calls and relayed ones, not a browser's own
    // WebRTC call in browser mode. A browser-mode tenant with the relay on is told "stored": its fallback is.
    boolean stored = s.transcripts().store() && !live && (s.connectionMode() == RealtimeSettings.ConnectionMode.SERVER
        || s.relay() != dev.voiceplugin.impl.settings.RelayMode.OFF);
    return new Options(s.connectionMode().wire(), s.iceServers(), (int) maxDuration(s).toSeconds(),
        live ? "live" : "realtime", s.live() == null ? List.of() : s.live().browserEvents(),
        live ? dev.voiceplugin.impl.settings.RelayMode.OFF.wire() : s.relay().wire(),
        live ? dev.voiceplugin.impl.settings.PushToTalk.OFF.wire() : s.pushToTalk().wire(),
        live || s.transcription() != null, new TranscriptStorage(stored, s.transcripts().retentionDays()));
  }

  /** The tenant's cap, never above the platform's ceiling. */
  Duration maxDuration(RealtimeSettings s) {
    Duration tenant = Duration.ofMinutes(s.maxCallMinutes());
    return tenant.compareTo(ceiling) <= 0 ? tenant : ceiling;
  }

  /** Starts a call; the stage fails with a {@link VoicePluginException} named by its code. */
  public CompletableFuture<StartedCall> create(Caller caller, String sdpOffer, String requestId) {
    Instant now = clock.instant();
    StoredSettings stored = settings.current(caller.tenant());
    RealtimeSettings s = stored.settings();
    ProviderCredential credential;
    CallRecord call;
    try {
      if (s.connectionMode() != RealtimeSettings.ConnectionMode.SERVER) {
        throw CallRefusedException.browserMode();
      }
      limiter.acquire(caller);
      requireBudget(caller, s, now);
      credential = TenantCredentials.of(settings, platformKeys, caller.tenant(), stored);
      call = reserve(caller, stored, now, CallRecord.WEBRTC);
    } catch (VoicePluginException e) {
      metrics.refused(e.code());
      record(caller, stored, now, e.code(), requestId);
      return CompletableFuture.failedFuture(e);
    }
    ProviderCredential key = credential;
    return provider.create(s, key, sdpOffer, SafetyIdentifier.forCaller(caller)).thenCompose(created -> {
      calls.setProviderCallId(call.id(), created.providerCallId());
      CallRecord withId = new CallRecord(call.id(), call.tenantId(), call.userId(), call.provider(), call.model(),
          created.providerCallId(), call.settingsVersion(), call.startedAt(), call.endsAt(), Optional.empty(), Optional.empty());
      return supervisor.watch(withId, s, key).handle((ok, failure) -> {
        if (failure != null) {
          supervisor.end(withId, s, key, EndReason.CREATE_FAILED);
          throw CallRefusedException.sidebandUnavailable();
        }
        metrics.created();
        record(caller, stored, now, "ok", requestId);
        return new StartedCall(call.id(), created.sdpAnswer(), call.endsAt());
      });
    }).whenComplete((ok, failure) -> {
      if (failure != null) {
        calls.end(call.id(), EndReason.CREATE_FAILED, clock.instant());
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String code = cause instanceof VoicePluginException v ? v.code() : "internal_error";
        metrics.refused(code);
        record(caller, stored, now, code, requestId);
      }
    });
  }

  /** What a relayed session holds while it runs: its call, the settings it started with and the key. */
  public record RelayAdmission(CallRecord call, RealtimeSettings settings, ProviderCredential credential) {}

  /**
   * Everything a call checks before the provider is asked, for a relay ticket: the rate limits, the
   * monthly budget, a key, and (without reserving) room under the concurrency cap, so the widget
   * hears of a refusal as problem+json rather than as a close code.
   */
  public ProviderCredential admitRelay(Caller caller, StoredSettings stored, String requestId) {
    Instant now = clock.instant();
    try {
      RealtimeSettings s = stored.settings();
      limiter.acquire(caller);
      requireBudget(caller, s, now);
      ProviderCredential credential = TenantCredentials.of(settings, platformKeys, caller.tenant(), stored);
      if (calls.activeCount(caller.tenant().value()) >= s.maxConcurrentCalls()) {
        throw CallRefusedException.concurrency(s.maxConcurrentCalls());
      }
      return credential;
    } catch (VoicePluginException e) {
      metrics.refused(e.code());
      record(caller, stored, now, "relay:" + e.code(), requestId);
      throw e;
    }
  }

  /**
   * Reserves the relayed session's call when its socket opens (the cap may have filled since the
   * ticket) and puts it under the supervisor, which records its usage and ends it at its caps;
   * {@code onEnd} hears why when the supervisor ends it.
   */
  public RelayAdmission startRelay(Caller caller, String requestId) {
    Instant now = clock.instant();
    StoredSettings stored = settings.current(caller.tenant());
    try {
      ProviderCredential credential = TenantCredentials.of(settings, platformKeys, caller.tenant(), stored);
      CallRecord call = reserve(caller, stored, now, CallRecord.RELAY);
      metrics.created();
      record(caller, stored, now, "relay:ok", requestId);
      return new RelayAdmission(call, stored.settings(), credential);
    } catch (VoicePluginException e) {
      metrics.refused(e.code());
      record(caller, stored, now, "relay:" + e.code(), requestId);
      throw e;
    }
  }

  /** The supervisor's watch of a relayed session, fed by the relay's upstream socket. */
  public dev.voiceplugin.impl.provider.calls.SidebandListener watchRelay(RelayAdmission relay,
      dev.voiceplugin.impl.provider.calls.Sideband upstream, java.util.function.Consumer<EndReason> onEnd) {
    return supervisor.watchRelay(relay.call(), relay.settings(), relay.credential(), upstream, onEnd);
  }

  /** Ends a relayed session's call (idempotent: the first reason stays). */
  public void endRelay(RelayAdmission relay, EndReason reason) {
    supervisor.end(relay.call(), relay.settings(), relay.credential(), reason);
  }

  private void requireBudget(Caller caller, RealtimeSettings s, Instant now) {
    Long budget = s.monthlyTokenBudget();
    if (budget != null && usage.monthTokens(caller.tenant().value(), now) >= budget) {
      throw CallRefusedException.budget(budget);
    }
  }

  private CallRecord reserve(Caller caller, StoredSettings stored, Instant now, String transport) {
    RealtimeSettings s = stored.settings();
    Instant endsAt = now.plus(maxDuration(s));
    CallRepository.Reservation reservation = calls.reserve(caller.tenant().value(), caller.userId(), s.provider().wire(),
        s.model(), stored.version(), now, endsAt, s.maxConcurrentCalls(), supervisor.owner(), CallSupervisor.LEASE, transport);
    UUID id = reservation.id().orElseThrow(() -> CallRefusedException.concurrency(s.maxConcurrentCalls()));
    return new CallRecord(id, caller.tenant().value(), caller.userId(), s.provider().wire(), s.model(), "", stored.version(),
        now, endsAt, Optional.empty(), Optional.empty(), transport);
  }

  /** A call of the caller's tenant: the caller's own, or any when the caller administers the tenant. */
  public CallRecord find(Caller caller, boolean admin, UUID id) {
    return calls.find(caller.tenant().value(), id).filter(c -> admin || c.userId().equals(caller.userId()))
        .orElseThrow(CallRefusedException::notFound);
  }

  public List<CallRecord> active(Caller admin) {
    return calls.active(admin.tenant().value());
  }

  public UsageStore.Totals usage(Caller caller, CallRecord call) {
    return usage.ofCall(caller.tenant().value(), call.id());
  }

  /** Ends a call of the caller's tenant (ownership checked by {@link #find}). */
  public void end(Caller caller, boolean admin, UUID id) {
    CallRecord call = find(caller, admin, id);
    if (!call.active()) {
      return;
    }
    StoredSettings stored = settings.current(caller.tenant());
    EndReason reason = call.userId().equals(caller.userId()) ? EndReason.ENDED_BY_USER : EndReason.ENDED_BY_ADMIN;
    supervisor.end(call, stored.settings(), TenantCredentials.of(settings, platformKeys, caller.tenant(), stored), reason);
  }

  private CallSupervisor.Resolved resolve(TenantId tenant, Long version) {
    StoredSettings stored = settings.current(tenant);
    return new CallSupervisor.Resolved(stored, TenantCredentials.of(settings, platformKeys, tenant, stored));
  }

  private void record(Caller caller, StoredSettings stored, Instant at, String outcome, String requestId) {
    audit.record(caller.tenant(), new MintAttempt(0, at, caller.userId(), stored.settings().provider().wire(),
        stored.settings().model(), stored.version(), outcome.contains(":") ? outcome : "call:" + outcome, null, null, requestId));
  }
}
