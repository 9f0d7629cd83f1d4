package dev.voiceplugin.impl.provider.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.provider.ProviderFailures;
import dev.voiceplugin.impl.web.Json;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sideband over the JDK's {@link WebSocket}.
 *
 * <p>Reading: the JDK calls this listener on the HTTP client's threads; it only assembles text
 * frames (bounded by {@link SidebandOptions#maxEventBytes()}) and hands each complete event to a
 * {@link SerialExecutor} of its own, so a {@link SidebandListener} that writes to the database
 * never holds the client's threads. The next message is requested only once the listener has
 * returned, so a slow listener slows the provider down instead of filling memory.
 *
 * <p>Writing: one writer. Sends wait in a bounded queue and are written one at a time, each
 * {@code sendText} started when the previous one completed; a full queue or a closed socket fails
 * the send at once. Pings go out every {@link SidebandOptions#pingInterval()} beside it.
 *
 * <p>Ending: {@link #finish} runs once whichever way the socket ends; it stops the pings, fails
 * the queued sends, tells the listener (after every event received before it) and releases the
 * connection, dropping it if the provider does not answer our close within the grace period.
 */
final class RealtimeSideband implements ProviderStream, WebSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(RealtimeSideband.class);

  private final String callId;
  private final TextListener listener;
  private final SidebandOptions options;
  private final ScheduledExecutorService timers;
  private final SerialExecutor events;
  private final List<String> secrets;
  private final Consumer<RealtimeSideband> onFinished;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private boolean writing;
  private volatile WebSocket socket;
  private volatile ScheduledFuture<?> pings;

  private record Pending(String text, CompletableFuture<Void> done) {}

  RealtimeSideband(String callId, SidebandListener listener, SidebandOptions options, ScheduledExecutorService timers,
      Executor pool, List<String> secrets, Consumer<RealtimeSideband> onFinished) {
    this(callId, new ParsedEvents(callId, Objects.requireNonNull(listener, "listener")), options, timers, pool, secrets,
        onFinished);
  }

  /** A socket whose messages go to {@code listener} as text (the relay's upstream). */
  RealtimeSideband(String callId, TextListener listener, SidebandOptions options, ScheduledExecutorService timers,
      Executor pool, List<String> secrets, Consumer<RealtimeSideband> onFinished) {
    this.callId = callId;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.options = options;
    this.timers = timers;
    this.events = new SerialExecutor(pool);
    this.secrets = List.copyOf(secrets);
    this.onFinished = onFinished;
  }

  String callId() {
    return callId;
  }

  // ---- Sideband

  @Override
  public CompletableFuture<Void> send(ObjectNode event) {
    Objects.requireNonNull(event, "event");
    String text;
    try {
      text = Json.mapper().writeValueAsString(event);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("the event does not serialise", e));
    }
    return sendText(text);
  }

  @Override
  public CompletableFuture<Void> sendText(String text) {
    Objects.requireNonNull(text, "text");
    Pending pending = new Pending(text, new CompletableFuture<>());
    synchronized (queue) {
      if (finished.get() || socket == null) {
        return CompletableFuture.failedFuture(SidebandSendException.closed(callId));
      }
      if (queue.size() >= options.maxQueuedEvents()) {
        return CompletableFuture.failedFuture(SidebandSendException.backlogged(callId, queue.size()));
      }
      queue.add(pending);
      if (writing) {
        return pending.done;
      }
      writing = true;
    }
    writeQueued();
    return pending.done;
  }

  @Override
  public void close() {
    finish(1000, "closed by the plugin", true);
  }

  @Override
  public boolean isOpen() {
    return !finished.get();
  }

  /** Drops the connection at once (plugin shutdown): no close handshake to wait for. */
  void abort() {
    finish(1001, "the plugin is shutting down", false);
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  /** The handshake failed: the listener hears of it once, like any other end. */
  void failedToOpen(String reason) {
    finish(-1, reason, false);
  }

  // ---- writer

  /**
   * Writes the queue head, then the next, each after the previous {@code sendText} completed. The
   * loop (rather than recursion from the completion) keeps the stack flat when writes complete at
   * once; a write still under way continues from its completion.
   */
  private void writeQueued() {
    while (true) {
      Pending next;
      synchronized (queue) {
        next = queue.poll();
        if (next == null || finished.get()) {
          writing = false;
          if (next != null) {
            next.done.completeExceptionally(SidebandSendException.closed(callId));
          }
          return;
        }
      }
      CompletableFuture<WebSocket> written;
      try {
        written = socket.sendText(next.text, true);
      } catch (RuntimeException e) {
        written = CompletableFuture.failedFuture(e);
      }
      if (!written.isDone()) {
        Pending current = next;
        written.whenComplete((ws, failure) -> {
          if (settle(current, failure)) {
            writeQueued();
          }
        });
        return;
      }
      if (!settle(next, written.handle((ws, failure) -> failure).join())) {
        return;
      }
    }
  }

  /** Completes one send; false (and the sideband finished) when the write failed. */
  private boolean settle(Pending pending, Throwable failure) {
    if (failure == null) {
      pending.done.complete(null);
      return true;
    }
    pending.done.completeExceptionally(SidebandSendException.closed(callId));
    synchronized (queue) {
      writing = false;
    }
    finish(-1, "writing to the provider failed", false);
    return false;
  }

  // ---- WebSocket.Listener (the socket loop's selector thread, see ProviderHttp.newWebSocketBuilder: never block here)

  @Override
  public void onOpen(WebSocket webSocket) {
    opened(webSocket);
    webSocket.request(1);
  }

  /**
   * The socket is open: from {@link #onOpen} or from the completed handshake, whichever comes
   * first (the JDK does not order them). Closed meanwhile, it is dropped.
   */
  synchronized void opened(WebSocket webSocket) {
    if (socket != null) {
      return;
    }
    socket = webSocket;
    if (finished.get()) {
      webSocket.abort();
      return;
    }
    long every = options.pingInterval().toMillis();
    try {
      pings = timers.scheduleAtFixedRate(this::ping, every, every, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      abort();
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (finished.get()) {
      return null;
    }
    if (dev.voiceplugin.impl.web.Utf8.exceeds(partial, data, options.maxEventBytes())) {
      partial.setLength(0);
      // Reported as 1009 (message too big); the JDK lets a client send only 1008 for it.
      finish(1009, "a server event was larger than " + options.maxEventBytes() + " bytes", true);
      return null;
    }
    if (!last) {
      partial.append(data);
      webSocket.request(1);
      return null;
    }
    // A whole message in one part (nearly all of them) is taken as it is, without a copy through the builder.
    String message = partial.isEmpty() ? data.toString() : partial.append(data).toString();
    partial.setLength(0);
    if (listener.nonBlocking()) {
      deliver(webSocket, message);
    } else {
      events.execute(() -> deliver(webSocket, message));
    }
    return null;
  }

  private void deliver(WebSocket webSocket, String message) {
    CompletionStage<?> readNext = null;
    try {
      readNext = listener.onText(message);
    } catch (RuntimeException e) {
      // One bad event must not stall the socket.
      log.warn("Provider socket {} listener failed on a message: {}", callId, e.toString());
    }
    if (readNext == null) {
      requestNext(webSocket);
    } else {
      readNext.whenComplete((ok, failure) -> requestNext(webSocket));
    }
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    // The Realtime API speaks JSON text only; a binary message is skipped, not fatal.
    if (last) {
      log.warn("Sideband of call {} ignored a binary message", callId);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    if (statusCode == 1006) {
      // Never on the wire: the JDK's name for a connection that ended without a close frame.
      finish(-1, "the connection was lost without a close frame", false);
      return null;
    }
    String text = ProviderFailures.safeText(reason, secrets);
    finish(statusCode, text.isEmpty() ? "closed by the provider" : text, false);
    return null; // the JDK then answers the close and shuts the connection
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    String what = error instanceof IOException ? "the connection broke" : "the WebSocket failed";
    finish(-1, what + " (" + error.getClass().getSimpleName() + ")", false);
    webSocket.abort();
  }

  // ---- internals

  private void requestNext(WebSocket webSocket) {
    if (!finished.get()) {
      webSocket.request(1);
    }
  }

  /** A sideband's listener: each message parsed into an event first. */
  private record ParsedEvents(String callId, SidebandListener events) implements TextListener {
    @Override
    public CompletionStage<?> onText(String message) {
      JsonNode event;
      try {
        event = Json.mapper().readTree(message);
      } catch (JsonProcessingException e) {
        event = null;
      }
      if (event == null || !event.isObject()) {
        // Not quoted: a server event can hold the tenant's instructions.
        log.warn("Sideband of call {} ignored a message that is not a JSON object ({} chars)", callId, message.length());
        return null;
      }
      events.onEvent(event);
      return null;
    }

    @Override
    public void onClosed(int code, String reason) {
      events.onClosed(code, reason);
    }
  }

  private void ping() {
    WebSocket ws = socket;
    if (ws == null || finished.get() || ws.isOutputClosed()) {
      return;
    }
    try {
      ws.sendPing(ByteBuffer.allocate(0));
    } catch (IllegalStateException busy) {
      // A ping is still being written: the provider is slow to read, and the next tick tries again.
    }
  }

  /**
   * The one way out. {@code sendClose} says whether we end the conversation (our close, an
   * oversized event) rather than answer the provider's close or bury a broken connection.
   */
  private void finish(int code, String reason, boolean sendClose) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> timer;
    synchronized (this) {
      timer = pings;
    }
    if (timer != null) {
      timer.cancel(false);
    }
    List<Pending> dropped;
    synchronized (queue) {
      dropped = List.copyOf(queue);
      queue.clear();
    }
    dropped.forEach(p -> p.done.completeExceptionally(SidebandSendException.closed(callId)));
    log.info("Sideband of call {} closed: code={} reason={}", callId, code, reason);
    onFinished.accept(this);
    events.execute(() -> listener.onClosed(code, reason));
    WebSocket ws = socket;
    if (ws != null && sendClose) {
      try {
        ws.sendClose(code == 1009 ? 1008 : code, "").whenComplete((w, failure) -> {
          if (failure != null) {
            ws.abort();
          }
        });
      } catch (RuntimeException alreadyClosed) {
        ws.abort();
      }
      // A provider that stopped reading never answers the close: drop the connection after the grace.
      try {
        timers.schedule(ws::abort, options.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
        ws.abort();
      }
    }
  }
}
