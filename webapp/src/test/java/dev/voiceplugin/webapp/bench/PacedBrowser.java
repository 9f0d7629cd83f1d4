package dev.voiceplugin.webapp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One "browser" of the relay benchmark: a JDK WebSocket that, once its session is confirmed, sends
 * one audio frame every {@code period} on a fixed schedule (frame k is due at start + k·period, so
 * a late tick is followed by a prompt one rather than shifting every later frame), and times each
 * audio delta it receives from the provider's stamp. It reads every message as it arrives, as a
 * browser's playback does.
 */
final class PacedBrowser implements WebSocket.Listener {
  /** The session the direct reference sends itself; through the relay the plugin sends the tenant's. */
  static final String SESSION_UPDATE = "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{"
      + "\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}},\"output\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}}}}}";

  private final boolean direct;
  private final String audio;
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final AtomicLong queuedSends = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile FrameStats stats;
  private volatile WebSocket socket;
  private volatile int closeCode = -1;
  private volatile String closeReason = "";
  private volatile CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> pacer;
  private long dueNanos;
  private long periodNanos;

  private PacedBrowser(boolean direct, String audio) {
    this.direct = direct;
    this.audio = audio;
  }

  /**
   * Opens the socket; the stage completes once {@code session.updated} arrived. {@code direct}: the
   * provider's own socket, so this browser sends the session.update the relay would have sent.
   */
  static CompletableFuture<PacedBrowser> open(HttpClient http, URI url, String origin, boolean direct, String audio) {
    PacedBrowser b = new PacedBrowser(direct, audio);
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    if (direct) {
      builder.header("Authorization", "Bearer " + Bench.API_KEY);
    }
    return builder.buildAsync(url, b).thenCompose(ws -> {
      b.socket = ws;
      return direct ? ws.sendText(SESSION_UPDATE, true).thenCompose(x -> b.ready) : b.ready;
    }).thenApply(x -> b).orTimeout(20, TimeUnit.SECONDS);
  }

  /** Starts sending: the first frame is due at {@code firstDueNanos} ({@link Frames#now} time), then one each period. */
  void start(ScheduledExecutorService pacing, FrameStats window, long firstDueNanos, Duration period) {
    stats = window;
    periodNanos = period.toNanos();
    dueNanos = firstDueNanos;
    long delay = Math.max(0, firstDueNanos - Frames.now());
    pacer = pacing.scheduleAtFixedRate(this::tick, delay, periodNanos, TimeUnit.NANOSECONDS);
  }

  /** Runs on a pacing thread, never twice at once for one browser. */
  private void tick() {
    WebSocket ws = socket;
    if (ws == null || closeCode >= 0) {
      return;
    }
    stats.late(Math.max(0, Frames.now() - dueNanos));
    dueNanos += periodNanos;
    // The JDK allows one send under way per socket: a frame whose predecessor is still being
    // written waits behind it (counted), and is stamped when it really goes.
    if (lastSend.isDone()) {
      lastSend = ws.sendText(Frames.append(Frames.now(), audio), true);
    } else {
      queuedSends.incrementAndGet();
      lastSend = lastSend.thenCompose(w -> w.sendText(Frames.append(Frames.now(), audio), true));
    }
  }

  long queuedSends() {
    return queuedSends.get();
  }

  /** {@code error} events received (a refused event, a provider error). */
  long errorEvents() {
    return errors.get();
  }

  /** The close code received, or -1 while open. */
  int closeCode() {
    return closeCode;
  }

  String closeReason() {
    return closeReason;
  }

  void close() {
    if (pacer != null) {
      pacer.cancel(false);
    }
    WebSocket ws = socket;
    if (ws != null && !ws.isOutputClosed()) {
      lastSend.handle((w, failure) -> ws.sendClose(1000, "")).orTimeout(2, TimeUnit.SECONDS)
          .whenComplete((w, failure) -> ws.abort());
    }
  }

  // ---- WebSocket.Listener (the JDK client's threads)

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    long now = Frames.now();
    if (!last) {
      partial.append(data);
      webSocket.request(1);
      return null;
    }
    String message = partial.isEmpty() ? data.toString() : partial.append(data).toString();
    partial.setLength(0);
    long sentAt = Frames.stamp(message, Frames.DELTA_PREFIX);
    if (sentAt > 0) {
      FrameStats window = stats;
      if (window != null) {
        window.down(now - sentAt);
      }
    } else if (!ready.isDone() && message.contains("\"type\":\"session.updated\"")) {
      ready.complete(null);
    } else if (message.contains("\"type\":\"error\"")) {
      errors.incrementAndGet();
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    closeCode = statusCode;
    ready.completeExceptionally(new IllegalStateException((direct ? "provider" : "relay") + " closed " + statusCode + " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeReason = error.toString();
    closeCode = 1006;
    ready.completeExceptionally(error);
  }
}
