package dev.voiceplugin.impl.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.RealtimeSessionConfig;
import dev.voiceplugin.impl.provider.calls.CallProvider;
import dev.voiceplugin.impl.provider.calls.Sideband;
import dev.voiceplugin.impl.provider.calls.SidebandListener;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.StoredSettings;
import dev.voiceplugin.impl.transcripts.CallTranscript;
import dev.voiceplugin.impl.transcripts.Transcripts;
import dev.voiceplugin.impl.usage.UsageEvent;
import dev.voiceplugin.impl.usage.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the sidebands of the calls this instance watches. Through each it records usage, puts the
 * tenant's session back when the browser changes it, warns a minute before the duration cap and
 * ends the call at the cap or when the monthly budget is spent (or when the provider ends it). Ownership is a lease in PostgreSQL,
 * renewed every {@link #RENEW}; calls whose owner stopped renewing are taken over and re-attached,
 * and usage rows are idempotent, so a failover neither loses nor double-counts a record.
 */
public final class CallSupervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallSupervisor.class);
  static final Duration LEASE = Duration.ofSeconds(8);
  static final Duration RENEW = Duration.ofSeconds(2);
  private static final Duration WARN_BEFORE = Duration.ofMinutes(1);

  /** What the supervisor needs of a call's tenant to attach again after a failover. */
  public interface TenantLookup extends BiFunction<TenantId, Long, Resolved> {}

  /** A tenant's current settings and credential, for re-attaching. */
  public record Resolved(StoredSettings stored, ProviderCredential credential) {}

  private final CallRepository calls;
  private final UsageStore usage;
  private final CallProvider provider;
  private final CallMetrics metrics;
  private final Transcripts transcripts;
  private final Clock clock;
  private final String owner;
  private final ScheduledExecutorService scheduler;
  private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();
  private volatile TenantLookup lookup;

  /** @param transcripts where the transcripts of calls whose tenant keeps them go (#13) */
  public CallSupervisor(CallRepository calls, UsageStore usage, CallProvider provider, CallMetrics metrics,
      Transcripts transcripts, Clock clock) {
    this.transcripts = transcripts;
    this.calls = calls;
    this.usage = usage;
    this.provider = provider;
    this.metrics = metrics;
    this.clock = clock;
    this.owner = "i-" + UUID.randomUUID().toString().substring(0, 13);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "voice-plugin-calls");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts renewing this instance's leases and adopting orphaned calls. */
  public void start(TenantLookup tenants) {
    this.lookup = tenants;
    scheduler.scheduleWithFixedDelay(this::renewAndAdopt, RENEW.toMillis(), RENEW.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String owner() {
    return owner;
  }

  public int watching() {
    return watched.size();
  }

  /** Attaches the sideband of a call just created by this instance; completes when it is attached. */
  CompletableFuture<Void> watch(CallRecord call, RealtimeSettings settings, ProviderCredential credential) {
    return watch(call, settings, credential, begin(call, settings));
  }

  private CompletableFuture<Void> watch(CallRecord call, RealtimeSettings settings, ProviderCredential credential,
      CallTranscript transcript) {
    Watched w = new Watched(call, settings, credential);
    w.transcript = transcript;
    watched.put(call.id(), w);
    return provider.attach(settings, credential, call.providerCallId(), w).thenAccept(sideband -> {
      w.attached(sideband);
      w.schedule();
    }).whenComplete((ok, failure) -> {
      if (failure != null) {
        watched.remove(call.id());
      }
    });
  }

  /**
   * Watches a relayed session whose upstream socket the relay already holds: the same usage
   * records, session re-assertion, warning and caps as a call's sideband. The relay hands the
   * returned listener the events it parsed (usage and {@code session.updated}) and its close;
   * {@code onEnd} hears why the supervisor ended the session, before {@code upstream} is closed.
   */
  public SidebandListener watchRelay(CallRecord call, RealtimeSettings settings, ProviderCredential credential,
      Sideband upstream, java.util.function.Consumer<EndReason> onEnd) {
    Watched w = new Watched(call, settings, credential);
    w.onEnd = onEnd;
    w.transcript = begin(call, settings);
    watched.put(call.id(), w);
    w.attached(upstream);
    w.schedule();
    return w;
  }

  /**
   * Ends a call: stored once with its reason, ended at the provider, then its sideband closed. The
   * sideband stays open until the provider confirmed the end, so the usage it reports last (GPT-Live
   * sends its final seconds in {@code session.closed}) is still recorded.
   */
  public CompletableFuture<Void> end(CallRecord call, RealtimeSettings settings, ProviderCredential credential, EndReason reason) {
    boolean first = calls.end(call.id(), reason, clock.instant());
    Watched w = watched.remove(call.id());
    if (w != null) {
      w.stopTimers(reason);
      w.transcript.ended(clock.instant());
    }
    if (first) {
      metrics.ended(reason);
    }
    if (call.providerCallId().isEmpty()) {
      if (w != null) {
        w.stop();
      }
      return CompletableFuture.completedFuture(null);
    }
    // A watched call ends with the settings it was created with, even if the tenant has switched provider since.
    RealtimeSettings created = w == null ? settings : w.settings;
    return provider.end(created, credential, call.providerCallId(), w == null ? Optional.empty() : w.attachedSideband())
        .exceptionally(e -> {
          log.warn("voice-plugin could not hang up call {} at the provider: {}", call.id(), rootMessage(e));
          return null;
        }).whenComplete((ok, failure) -> {
          if (w != null) {
            w.stop();
          }
        });
  }

  private void endWatched(Watched w, EndReason reason) {
    end(w.call, w.settings, w.credential, reason);
  }

  private void renewAndAdopt() {
    try {
      if (!watched.isEmpty()) {
        calls.renewLeases(owner, LEASE);
      }
      int lost = calls.endLost(clock.instant());
      if (lost > 0) {
        log.info("voice-plugin ended {} call(s) of a stopped instance that cannot be re-attached (relayed or not yet created)", lost);
      }
      TenantLookup tenants = lookup;
      for (CallRecord orphan : calls.claimOrphans(owner, LEASE, 50)) {
        adopt(orphan, tenants);
      }
    } catch (RuntimeException e) {
      log.debug("voice-plugin call leases not renewed this round: {}", e.getMessage());
    }
  }

  private void adopt(CallRecord orphan, TenantLookup tenants) {
    try {
      Resolved tenant = tenants.apply(new TenantId(orphan.tenantId()), orphan.settingsVersion());
      RealtimeSettings s = tenant.stored().settings();
      if (!clock.instant().isBefore(orphan.endsAt())) {
        end(orphan, s, tenant.credential(), EndReason.DURATION_CAP);
        return;
      }
      metrics.reattached();
      log.info("voice-plugin took over call {} of an instance that stopped; re-attaching its sideband", orphan.id());
      // The transcript goes on only if it was kept from the call's start, with the retention fixed then.
      watch(orphan, s, tenant.credential(), transcripts.resume(orphan.id())).exceptionally(e -> {
        log.warn("voice-plugin could not re-attach call {}: {}", orphan.id(), rootMessage(e));
        end(orphan, s, tenant.credential(), EndReason.PROVIDER_CLOSED);
        return null;
      });
    } catch (RuntimeException e) {
      log.warn("voice-plugin could not take over call {}: {}", orphan.id(), e.getMessage());
    }
  }

  /** The call's transcript when its tenant keeps them (never for GPT-Live, which sends no whole lines). */
  private CallTranscript begin(CallRecord call, RealtimeSettings settings) {
    if (settings.provider().live()) {
      return CallTranscript.NONE;
    }
    return transcripts.begin(call.id(), call.tenantId(), call.userId(), call.transport(), call.startedAt(), settings.transcripts());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    // Sidebands close; the leases lapse, so another instance adopts these calls within LEASE.
    watched.values().forEach(Watched::stop);
    watched.clear();
  }

  /** One watched call: its sideband listener and timers. */
  private final class Watched implements SidebandListener {
    final CallRecord call;
    final RealtimeSettings settings;
    final ProviderCredential credential;
    private final JsonNode expectedSession;
    private volatile Sideband sideband;
    private volatile boolean stopped;
    private ScheduledFuture<?> warning;
    private ScheduledFuture<?> cap;
    /** Set before the sideband can deliver an event. */
    volatile CallTranscript transcript = CallTranscript.NONE;
    /** A relay's: told why the supervisor ends the session (null for a call's sideband). */
    volatile java.util.function.Consumer<EndReason> onEnd;

    Watched(CallRecord call, RealtimeSettings settings, ProviderCredential credential) {
      this.call = call;
      this.settings = settings;
      this.credential = credential;
      // Only where the browser can change the session is there a tenant's session to put back.
      this.expectedSession = provider.browserCanReconfigure(settings) ? RealtimeSessionConfig.mintSession(settings) : null;
    }

    void attached(Sideband s) {
      this.sideband = s;
      if (stopped) {
        s.close();
      }
    }

    synchronized void schedule() {
      Duration left = Duration.between(clock.instant(), call.endsAt());
      Duration warnIn = left.minus(WARN_BEFORE);
      if (!warnIn.isNegative()) {
        warning = scheduler.schedule(this::warn, warnIn.toMillis(), TimeUnit.MILLISECONDS);
      }
      cap = scheduler.schedule(() -> endWatched(this, EndReason.DURATION_CAP), Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void warn() {
      send(provider.endingSoonEvent(settings));
    }

    Optional<Sideband> attachedSideband() {
      return Optional.ofNullable(sideband);
    }

    private void send(ObjectNode event) {
      Sideband s = sideband;
      if (s != null && s.isOpen()) {
        s.send(event).exceptionally(e -> {
          log.debug("voice-plugin sideband send failed for call {}: {}", call.id(), e.toString());
          return null;
        });
      }
    }

    @Override
    public void onEvent(JsonNode event) {
      try {
        UsageEvent.from(event).ifPresent(this::record);
        transcript.onEvent(event, clock.instant());
        String type = event.path("type").asText();
        // A relay's browser cannot change the session beyond turn detection (its policy refuses the
        // rest), so only a call's sideband puts the tenant's session back.
        if (onEnd == null && expectedSession != null && "session.updated".equals(type)
            && SessionDrift.drifted(expectedSession, event.path("session"))) {
          metrics.reasserted();
          send(SessionDrift.reassertion(RealtimeSessionConfig.sessionUpdateEvent(settings), event.path("session"),
              settings.pushToTalk()));
        }
        if ("session.closed".equals(type) && watched.get(call.id()) == this) {
          // GPT-Live ended the session itself (its own time limit, a safety stop, the network); usage came first.
          endWatched(this, "expired".equals(event.path("reason").asText()) ? EndReason.DURATION_CAP : EndReason.PROVIDER_CLOSED);
        }
      } catch (RuntimeException e) {
        log.warn("voice-plugin could not handle a sideband event of call {}: {}", call.id(), e.getMessage());
      }
    }

    private void record(UsageEvent e) {
      Instant now = clock.instant();
      if (usage.record(call.tenantId(), call.id(), call.userId(), call.model(), e, now)) {
        metrics.tokens(e.totalTokens());
        Long budget = settings.monthlyTokenBudget();
        if (budget != null && usage.monthTokens(call.tenantId(), now) >= budget) {
          endWatched(this, EndReason.BUDGET_EXHAUSTED);
        }
      }
    }

    @Override
    public void onClosed(int code, String reason) {
      if (!stopped && watched.get(call.id()) == this) {
        // The provider closed the sideband: the call is over (hang-up is idempotent if it is not).
        endWatched(this, EndReason.PROVIDER_CLOSED);
      }
    }

    /**
     * No more warning or cap: the call is being ended. A relay hears {@code reason} once, before its
     * socket is closed (null: no reason to tell, e.g. at shutdown).
     */
    synchronized void stopTimers(EndReason reason) {
      boolean first = !stopped;
      stopped = true;
      java.util.function.Consumer<EndReason> listener = onEnd;
      if (first && listener != null && reason != null) {
        try {
          listener.accept(reason);
        } catch (RuntimeException e) {
          log.warn("voice-plugin relay did not take the end of call {}: {}", call.id(), e.getMessage());
        }
      }
      if (warning != null) {
        warning.cancel(false);
      }
      if (cap != null) {
        cap.cancel(false);
      }
    }

    synchronized void stop() {
      stopTimers(null);
      Sideband s = sideband;
      if (s != null) {
        s.close();
      }
    }
  }
}
