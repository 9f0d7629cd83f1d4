package dev.voiceplugin.impl.relay;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.calls.CallService;
import dev.voiceplugin.impl.provider.calls.RealtimeCallProvider;
import dev.voiceplugin.impl.provider.calls.SidebandOptions;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RelayMode;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.StoredSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's long-lived parts: tickets, the sessions of this instance, and the small thread pools
 * they share: a timer, a worker for what may touch PostgreSQL (usage, a call's end), and control
 * threads for the pings and closes that containers write blocking. {@link #close()} at shutdown closes
 * every session with 4503 and stops the threads.
 */
public final class RelayService implements AutoCloseable {
  /** A ticket is for opening a socket right away: long enough for a slow network, too short to be worth stealing. */
  static final Duration TICKET_TTL = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(RelayService.class);

  private final RelayTickets tickets;
  private final CallService calls;
  private final SettingsService settings;
  private final RealtimeCallProvider provider;
  private final RelayOptions options;
  private final SidebandOptions streamOptions;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final ThreadPoolExecutor worker;
  private final ThreadPoolExecutor control;
  private final Set<RelaySession> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean endpointRegistered;

  public RelayService(RelayTickets tickets, CallService calls, SettingsService settings, RealtimeCallProvider provider,
      RelayOptions options, Clock clock, MeterRegistry registry) {
    this.tickets = tickets;
    this.calls = calls;
    this.settings = settings;
    this.provider = provider;
    this.options = options;
    // Browser events wait here for the provider; each at most maxMessageBytes, so the queue is bounded in bytes too.
    this.streamOptions = SidebandOptions.DEFAULTS.withMaxQueuedEvents(options.upstreamQueue())
        .withPingInterval(options.pingInterval()).withMaxEventBytes(4 << 20);
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "voice-plugin-relay-timer", n));
    // Bounded: a burst of closes waits in a queue of its own size rather than starting threads.
    this.worker = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
        r -> daemon(r, "voice-plugin-relay-worker", n));
    // Pings and closes towards browsers, which Tomcat (and Jetty, for pings) write blocking: apart
    // from the worker, so a browser that stopped reading never delays another call's usage or end.
    this.control = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
        r -> daemon(r, "voice-plugin-relay-control", n));
    Gauge.builder("voice_relay_sessions", sessions::size).description("Relayed sessions open on this instance").register(registry);
    Gauge.builder("voice_relay_queued_chars", this::queuedChars)
        .description("Characters waiting to be written to relayed browsers (bounded per session by the high water mark)")
        .register(registry);
  }

  /** What the widget needs to open the socket. */
  public record Ticket(String ticket, String url, Instant expiresAt, int maxCallSeconds, Audio audio) {}

  /** The audio both directions of the relay carry. */
  public record Audio(String format, int rate) {}

  /**
   * A single-use ticket for the caller, bound to the page origin that asked for it. Refused with
   * the same problems as a call (rate limits, budget, cap, key), or when the tenant turned the relay
   * off or the container cannot serve WebSockets.
   */
  public Ticket issue(Caller caller, String origin, String contextPath, String requestId) {
    if (!endpointRegistered) {
      throw new VoicePluginException(503, "relay_unavailable",
          "This server has no Jakarta WebSocket support, so the relay cannot run here.",
          "Ask the platform team to enable WebSockets in the servlet container (Jetty: the ee10-websocket-jakarta module).");
    }
    StoredSettings stored = settings.current(caller.tenant());
    if (stored.settings().relay() == RelayMode.OFF) {
      throw new VoicePluginException(403, "relay_disabled", "Your organisation has turned the relay off.",
          "A tenant admin can allow it on the settings screen (Calls: relay when WebRTC fails).");
    }
    if (stored.settings().provider() != Provider.OPENAI && stored.settings().provider() != Provider.AZURE) {
      throw new VoicePluginException(409, "relay_not_supported", "The relay speaks the Realtime API only.",
          "Use WebRTC with this provider, or switch the tenant to OpenAI or Azure OpenAI Realtime.");
    }
    calls.admitRelay(caller, stored, requestId);
    Instant now = clock.instant();
    String ticket = tickets.issue(new RelayTickets.Holder(caller.tenant().value(), caller.userId(), origin), now, TICKET_TTL);
    int maxSeconds = calls.options(caller).maxCallSeconds();
    return new Ticket(ticket, contextPath + RelayEndpoint.PATH + "?ticket=" + ticket, now.plus(TICKET_TTL), maxSeconds,
        new Audio("audio/pcm", 24000));
  }

  /** A browser socket was opened from {@code origin} (null when the client sent none); its caller then {@link RelaySession#start}s it. */
  RelaySession open(Session browser, String origin) {
    RelaySession session = new RelaySession(this, browser, origin);
    sessions.add(session);
    return session;
  }

  void endpointRegistered() {
    endpointRegistered = true;
  }

  public int openSessions() {
    return sessions.size();
  }

  /** What waits for relayed browsers to read it, across this instance's sessions. */
  public long queuedChars() {
    long total = 0;
    for (RelaySession s : sessions) {
      total += s.queuedChars();
    }
    return total;
  }

  // ---- for sessions

  RelayTickets tickets() {
    return tickets;
  }

  CallService calls() {
    return calls;
  }

  RealtimeCallProvider provider() {
    return provider;
  }

  RelayOptions options() {
    return options;
  }

  SidebandOptions streamOptions() {
    return streamOptions;
  }

  Clock clock() {
    return clock;
  }

  ScheduledFuture<?> schedule(Runnable task, Duration after) {
    return timer.schedule(guarded(task), after.toMillis(), TimeUnit.MILLISECONDS);
  }

  ScheduledFuture<?> every(Runnable task, Duration period) {
    return timer.scheduleWithFixedDelay(guarded(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  void background(Runnable task) {
    try {
      worker.execute(guarded(task));
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      guarded(task).run();
    }
  }

  /**
   * A queue of its own on the worker, for one session's calls into the supervisor (usage, the
   * confirmed session, the call's end): they may touch the database, so they stay off the socket
   * threads, and they keep their order, so a call never ends before its last usage is recorded.
   */
  java.util.concurrent.Executor serialWorker() {
    return new dev.voiceplugin.impl.provider.calls.SerialExecutor(this::background);
  }

  /** A ping off the timer thread; skipped when the control threads are that far behind (the next tick tries again). */
  void ping(Runnable ping) {
    try {
      control.execute(guarded(ping));
    } catch (java.util.concurrent.RejectedExecutionException fullOrStopped) {
      // Dropped: a ping only keeps a quiet socket open, and twenty seconds pass before it matters.
    }
  }

  /** Closes a browser socket off the caller's thread: Tomcat writes the close frame blocking. */
  void closeBrowser(Session browser, CloseReason reason) {
    Runnable close = guarded(() -> {
      try {
        if (browser.isOpen()) {
          browser.close(reason);
        }
      } catch (IOException | RuntimeException e) {
        log.debug("Relay could not close a browser socket cleanly: {}", e.toString());
      }
    });
    try {
      control.execute(close);
    } catch (java.util.concurrent.RejectedExecutionException fullOrStopped) {
      close.run();
    }
  }

  void forget(RelaySession session) {
    sessions.remove(session);
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("voice-plugin relay task failed: {}", e.toString());
      }
    };
  }

  private static Thread daemon(Runnable r, String name, AtomicInteger n) {
    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    List.copyOf(sessions).forEach(RelaySession::shutdown);
    timer.shutdownNow();
    control.shutdown();
    worker.shutdown();
    try {
      if (!worker.awaitTermination(3, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
      if (!control.awaitTermination(1, TimeUnit.SECONDS)) {
        control.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      control.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
