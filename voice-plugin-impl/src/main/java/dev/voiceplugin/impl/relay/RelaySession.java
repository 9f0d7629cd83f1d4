package dev.voiceplugin.impl.relay;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.calls.CallService.RelayAdmission;
import dev.voiceplugin.impl.calls.EndReason;
import dev.voiceplugin.impl.provider.RealtimeSessionConfig;
import dev.voiceplugin.impl.provider.calls.ProviderStream;
import dev.voiceplugin.impl.provider.calls.SidebandListener;
import dev.voiceplugin.impl.provider.calls.TextListener;
import dev.voiceplugin.impl.web.Json;
import dev.voiceplugin.impl.web.Utf8;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relayed voice session: a browser socket, the provider socket opened for it, and the call
 * that meters it. The browser's messages arrive on the container's threads (one at a time per
 * socket), the provider's on the provider socket's serial executor; {@link #finish} runs once,
 * whichever side ends first, and closes both sockets and the call.
 *
 * <p>Until the provider confirms the tenant's {@code session.update} with {@code session.updated},
 * nothing goes to the browser but the {@code relay.call} event, and the browser's messages are
 * held (a few); the provider's {@code session.created}, which carries its default session, is
 * dropped.
 */
final class RelaySession implements TextListener {
  private static final Logger log = LoggerFactory.getLogger(RelaySession.class);

  private final RelayService service;
  private final RelayOptions options;
  private final Session browser;
  private final String origin;
  private final BrowserWriter writer;
  private final AudioLedger ledger = new AudioLedger();
  private final Bucket bytes;
  private final Bucket messages;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final java.util.concurrent.Executor supervisorCalls;
  private final Object lock = new Object();
  private final List<String> held = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  /** Written under {@link #lock}, with the held messages' flush; read without it by the provider's loop. */
  private volatile boolean ready;
  private long lastPingNanos = System.nanoTime();
  private volatile RelayAdmission admission;
  private volatile ProviderStream upstream;
  private volatile SidebandListener watch;
  private volatile ScheduledFuture<?> readyTimer;
  private volatile ScheduledFuture<?> ticker;
  /** Between the provider's response.created and its response.done: usage is on its way. */
  private volatile boolean responding;
  /** Finished while a response was under way: the provider socket waits for its usage (see {@link #drainThenEnd}). */
  private volatile boolean draining;
  private final AtomicBoolean drained = new AtomicBoolean();
  private volatile Runnable afterDrain;
  private volatile ScheduledFuture<?> drainTimer;

  RelaySession(RelayService service, Session browser, String origin) {
    this.service = service;
    this.options = service.options();
    this.browser = browser;
    this.origin = origin;
    this.writer = new BrowserWriter(browser, options.browserHighWater(), options.browserLowWater());
    this.supervisorCalls = service.serialWorker();
    long perSecond = options.maxBytesPerSecond();
    this.bytes = Bucket.builder().addLimit(Bandwidth.builder().capacity(perSecond * 4)
        .refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build();
    long rate = options.maxMessagesPerSecond();
    this.messages = Bucket.builder().addLimit(Bandwidth.builder().capacity(rate * 2)
        .refillGreedy(rate, Duration.ofSeconds(1)).build()).build();
  }

  /** The socket is open: check the ticket and origin, reserve the call, open the provider's socket. */
  void start(String ticket) {
    try {
      admitAndOpen(ticket);
    } catch (RuntimeException e) {
      // The relay is shutting down under us (its timers refuse work), or a bug: the call must not stay open.
      log.warn("Relay session could not start: {}", e.toString());
      finish(RelayClose.UNAVAILABLE, RelayClose.UNAVAILABLE.reason(), EndReason.INSTANCE_LOST);
    }
  }

  private void admitAndOpen(String ticket) {
    Optional<RelayTickets.Holder> holder;
    try {
      holder = service.tickets().consume(ticket, service.clock().instant());
    } catch (VoicePluginException databaseDown) {
      finish(RelayClose.UNAVAILABLE, RelayClose.UNAVAILABLE.reason(), null);
      return;
    }
    if (holder.isEmpty()) {
      finish(RelayClose.TICKET_INVALID, RelayClose.TICKET_INVALID.reason(), null);
      return;
    }
    if (!Objects.equals(holder.get().origin(), origin)) {
      finish(RelayClose.ORIGIN_FORBIDDEN, RelayClose.ORIGIN_FORBIDDEN.reason(), null);
      return;
    }
    Caller caller = new Caller(new TenantId(holder.get().tenantId()), holder.get().userId());
    RelayAdmission admitted;
    try {
      admitted = service.calls().startRelay(caller, "relay-" + browser.getId());
    } catch (VoicePluginException refused) {
      finish(closeFor(refused.code()), refused.code(), null);
      return;
    }
    admission = admitted;
    writer.send(Json.mapper().createObjectNode().put("type", "relay.call").put("callId", admitted.call().id().toString())
        .put("endsAt", admitted.call().endsAt().toString()).toString());
    readyTimer = service.schedule(() -> finish(RelayClose.SESSION_TIMEOUT, RelayClose.SESSION_TIMEOUT.reason(),
        EndReason.PROVIDER_CLOSED), options.readyTimeout());
    ticker = service.every(this::tick, Duration.ofSeconds(1));
    service.provider().openStream(admitted.settings(), admitted.credential(), admitted.call().id().toString(),
        service.streamOptions(), this).whenComplete((stream, failure) -> {
          if (failure != null) {
            finish(RelayClose.PROVIDER, providerCode(failure), EndReason.PROVIDER_CLOSED);
          } else {
            opened(stream, admitted);
          }
        });
    if (finished.get()) {
      end(admitted, EndReason.BROWSER_CLOSED);
    }
  }

  private void opened(ProviderStream stream, RelayAdmission admitted) {
    synchronized (lock) {
      if (finished.get()) {
        stream.close();
        return;
      }
      upstream = stream;
      watch = service.calls().watchRelay(admitted, stream, this::endedBySupervisor);
    }
    stream.send(RealtimeSessionConfig.relaySessionUpdateEvent(admitted.settings()));
  }

  // ---- from the provider (its socket's own thread: nothing here blocks)

  /** Forwarding is parsing and an asynchronous write; what may block goes to {@link #supervisorCalls}. */
  @Override
  public boolean nonBlocking() {
    return true;
  }

  @Override
  public CompletionStage<?> onText(String message) {
    if (finished.get()) {
      if (draining) {
        drain(message);
      }
      return null;
    }
    ServerEvents event = ServerEvents.read(message, ledger);
    if (event == null) {
      return null;
    }
    if (!ready) {
      if ("session.updated".equals(event.type())) {
        becomeReady(event);
      } else if ("error".equals(event.type())) {
        String code = event.errorCode();
        finish(RelayClose.PROVIDER, code.isEmpty() ? "provider_error" : safeCode(code), EndReason.PROVIDER_CLOSED);
      }
      return writer.room();
    }
    if ("response.created".equals(event.type())) {
      responding = true;
    } else if ("response.done".equals(event.type())) {
      responding = false;
    }
    toSupervisor(event);
    writer.send(event.forward());
    return writer.room();
  }

  private void toSupervisor(ServerEvents event) {
    SidebandListener supervisor = watch;
    if (event.forSupervisor() && supervisor != null) {
      supervisorCalls.execute(() -> supervisor.onEvent(event.event()));
    }
  }

  private void becomeReady(ServerEvents confirmation) {
    ScheduledFuture<?> timer = readyTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    SidebandListener supervisor = watch;
    if (supervisor != null) {
      supervisorCalls.execute(() -> supervisor.onEvent(confirmation.event()));
    }
    writer.send(confirmation.forward());
    synchronized (lock) {
      // Under the lock the browser's thread takes to forward: what it sends next queues behind these.
      ready = true;
      held.forEach(this::toProvider);
      held.clear();
    }
  }

  @Override
  public void onClosed(int code, String reason) {
    if (draining) {
      drained();
      return;
    }
    if (ready) {
      finish(RelayClose.ENDED, RelayClose.ENDED.reason(), EndReason.PROVIDER_CLOSED);
    } else {
      finish(RelayClose.PROVIDER, "provider_unavailable", EndReason.PROVIDER_CLOSED);
    }
  }

  /** The supervisor ended the call (its duration cap, the budget, an admin, the provider). */
  private void endedBySupervisor(EndReason reason) {
    RelayClose close = RelayClose.forEnd(reason);
    finish(close, close.reason(), reason);
  }

  // ---- from the browser (the container's thread for this socket)

  void onBrowserPart(String part, boolean last) {
    if (finished.get()) {
      return;
    }
    if (Utf8.exceeds(partial, part, options.maxMessageBytes())) {
      finish(RelayClose.MESSAGE_TOO_BIG, RelayClose.MESSAGE_TOO_BIG.reason(), EndReason.RELAY_POLICY);
      return;
    }
    if (!last) {
      partial.append(part);
      return;
    }
    String text = partial.isEmpty() ? part : partial.append(part).toString();
    partial.setLength(0);
    onBrowserMessage(text);
  }

  private void onBrowserMessage(String text) {
    if (!bytes.tryConsume(Math.max(1, text.length())) || !messages.tryConsume(1)) {
      finish(RelayClose.FLOOD, RelayClose.FLOOD.reason(), EndReason.RELAY_POLICY);
      return;
    }
    ClientEventPolicy.Verdict verdict = ClientEventPolicy.inspect(text, ledger);
    if (verdict instanceof ClientEventPolicy.Refuse refuse) {
      if (!writer.sendBelowHighWater(refuse.errorEvent())) {
        // It keeps sending what it must be answered for, and does not read the answers.
        finish(RelayClose.SLOW_CONSUMER, RelayClose.SLOW_CONSUMER.reason(), EndReason.RELAY_POLICY);
      }
      return;
    }
    if (!(verdict instanceof ClientEventPolicy.Forward forward)) {
      finish(RelayClose.INVALID_EVENT, RelayClose.INVALID_EVENT.reason(), EndReason.RELAY_POLICY);
      return;
    }
    synchronized (lock) {
      if (ready) {
        toProvider(forward.text()); // only queues (the sideband's writer): the lock keeps the order
      } else if (held.size() >= options.maxHeldMessages()) {
        finish(RelayClose.FLOOD, RelayClose.FLOOD.reason(), EndReason.RELAY_POLICY);
      } else {
        held.add(forward.text());
      }
    }
  }

  void onBrowserBinary() {
    finish(RelayClose.BINARY_NOT_SUPPORTED, RelayClose.BINARY_NOT_SUPPORTED.reason(), EndReason.RELAY_POLICY);
  }

  /** The browser's socket is gone (closed, or broken): end the session without a close of our own. */
  void onBrowserGone() {
    finish(null, null, EndReason.BROWSER_CLOSED);
  }

  private void toProvider(String text) {
    ProviderStream stream = upstream;
    if (stream == null) {
      return;
    }
    stream.sendText(text).exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof VoicePluginException v && "sideband_backlogged".equals(v.code())) {
        // The browser sends faster than the provider reads: bounded, so the session is closed.
        finish(RelayClose.FLOOD, RelayClose.FLOOD.reason(), EndReason.RELAY_POLICY);
      }
      return null;
    });
  }

  long queuedChars() {
    return writer.queuedChars();
  }

  // ---- timers and the end

  private void tick() {
    long now = System.nanoTime();
    if (writer.stalledForNanos(now) > options.slowConsumerAfter().toNanos()) {
      finish(RelayClose.SLOW_CONSUMER, RelayClose.SLOW_CONSUMER.reason(), EndReason.RELAY_POLICY);
      return;
    }
    if (now - lastPingNanos >= options.pingInterval().toNanos()) {
      lastPingNanos = now;
      service.ping(writer::pingIfIdle);
    }
  }

  /**
   * The one way out: the browser gets {@code close} (none when it left by itself), the provider's
   * socket closes, and the call ends with {@code endReason} (the first reason stored wins).
   */
  void finish(RelayClose close, String reason, EndReason endReason) {
    ProviderStream stream;
    EndReason ending = endReason == null ? EndReason.RELAY_POLICY : endReason;
    boolean drain = false;
    synchronized (lock) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      stream = upstream;
      held.clear();
      if (stream != null && ready && responding
          && (ending == EndReason.BROWSER_CLOSED || ending == EndReason.RELAY_POLICY)) {
        // Set with finished, so the provider's loop never drops an event between the two.
        afterDrain = () -> closeAndEnd(stream, ending);
        draining = true;
        drain = true;
      }
    }
    cancel(readyTimer);
    cancel(ticker);
    writer.close();
    RelayAdmission admitted = admission;
    if (drain) {
      drainThenEnd(stream);
    } else {
      closeAndEnd(stream, ending);
    }
    if (close != null) {
      service.closeBrowser(browser, new CloseReason(CloseReason.CloseCodes.getCloseCode(close.code()), reason));
    }
    if (!drain) {
      service.forget(this); // else once drained
    }
    log.info("Relay session {} closed: {}", admitted == null ? "(no call)" : admitted.call().id(),
        close == null ? "the browser left" : close.code() + " " + reason);
  }

  /**
   * The browser left (or was closed) while the provider was answering: that answer is billed, and
   * its usage comes only with its response.done. So the answer is cancelled, the provider socket
   * stays open for {@link RelayOptions#drainTimeout} at most, its events go to the supervisor alone,
   * and the call ends after them.
   */
  private void drainThenEnd(ProviderStream stream) {
    stream.send(Json.mapper().createObjectNode().put("type", "response.cancel"));
    try {
      drainTimer = service.schedule(this::drained, options.drainTimeout());
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      drained();
    }
  }

  private void closeAndEnd(ProviderStream stream, EndReason reason) {
    if (stream != null) {
      stream.close();
    }
    RelayAdmission admitted = admission;
    if (admitted != null) {
      end(admitted, reason);
    }
  }

  private void drain(String message) {
    ServerEvents event = ServerEvents.read(message, ledger);
    if (event == null) {
      return;
    }
    toSupervisor(event);
    if ("response.done".equals(event.type())) {
      drained();
    }
  }

  private void drained() {
    if (!drained.compareAndSet(false, true)) {
      return;
    }
    draining = false;
    cancel(drainTimer);
    afterDrain.run();
    service.forget(this);
  }

  /** The relay stops: the session closes 4503, and one still waiting for an answer's usage stops waiting. */
  void shutdown() {
    finish(RelayClose.UNAVAILABLE, RelayClose.UNAVAILABLE.reason(), EndReason.INSTANCE_LOST);
    if (draining) {
      drained();
    }
  }

  private void end(RelayAdmission admitted, EndReason reason) {
    // After any usage still on its way to the supervisor.
    supervisorCalls.execute(() -> service.calls().endRelay(admitted, reason));
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private static RelayClose closeFor(String code) {
    return switch (code) {
      case "call_limit_reached" -> RelayClose.CALL_LIMIT;
      case "usage_budget_exhausted" -> RelayClose.BUDGET_EXHAUSTED;
      case "database_unavailable", "database_busy" -> RelayClose.UNAVAILABLE;
      default -> RelayClose.PROVIDER;
    };
  }

  private static String providerCode(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof VoicePluginException v ? v.code() : "provider_unavailable";
  }

  /** A close reason is at most 123 bytes; a provider's code is short, but it is not ours to trust. */
  private static String safeCode(String code) {
    String clean = code.replaceAll("[^A-Za-z0-9_.-]", "");
    return clean.length() > 64 ? clean.substring(0, 64) : clean;
  }
}
