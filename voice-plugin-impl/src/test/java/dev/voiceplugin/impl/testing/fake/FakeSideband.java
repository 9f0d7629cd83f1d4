package dev.voiceplugin.impl.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.web.Json;
import java.nio.ByteBuffer;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The server end of one sideband connection. It demands frames itself (no auto-demand), so a test
 * can stop reading and let the plugin's writes back up exactly as behind a stuck provider. Public
 * only because Jetty invokes its listener methods reflectively; tests use {@link FakeCall}.
 */
public final class FakeSideband implements Session.Listener {
  private final FakeCall call;
  private final Consumer<String> violations;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicInteger pings = new AtomicInteger();
  private volatile Session session;
  private volatile boolean paused;
  private volatile boolean closingByUs;
  private volatile OptionalInt clientCloseCode = OptionalInt.empty();

  FakeSideband(FakeCall call, Consumer<String> violations) {
    this.call = call;
    this.violations = violations;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    call.attached(this);
    session.demand();
  }

  @Override
  public void onWebSocketText(String message) {
    JsonNode event;
    try {
      event = Json.mapper().readTree(message);
    } catch (Exception e) {
      event = null;
    }
    if (event == null || !event.isObject() || !event.path("type").isTextual()) {
      violations.accept("sideband of " + call.id() + ": a client event must be a JSON object with a type");
    } else {
      call.receivedEvent(event);
      if (call.flavor().live()) {
        FakeLiveProtocol.answer(call, this, event, violations);
      }
    }
    demandUnlessPaused();
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
    violations.accept("sideband of " + call.id() + ": the Realtime API and GPT-Live take no binary messages");
    callback.succeed();
    demandUnlessPaused();
  }

  @Override
  public void onWebSocketPing(ByteBuffer payload) {
    pings.incrementAndGet();
    Session s = session;
    if (s != null && s.isOpen()) {
      s.sendPong(payload, Callback.NOOP);
    }
    demandUnlessPaused();
  }

  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    demandUnlessPaused();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    if (!closingByUs) {
      clientCloseCode = OptionalInt.of(statusCode);
    }
    closed.complete(null);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    closed.complete(null);
  }

  boolean isOpen() {
    Session s = session;
    return s != null && s.isOpen() && !closed.isDone();
  }

  int pings() {
    return pings.get();
  }

  OptionalInt clientCloseCode() {
    return clientCloseCode;
  }

  CompletableFuture<Void> closed() {
    return closed;
  }

  void pause() {
    paused = true;
  }

  void resume() {
    if (paused) {
      paused = false;
      demandUnlessPaused();
    }
  }

  void sendText(String text) {
    await(c -> session.sendText(text, c));
  }

  /** Sends without waiting (from the socket's own read thread, where waiting could stall it). */
  void sendLater(String text) {
    session.sendText(text, Callback.NOOP);
  }

  /** Sends a last event, then closes normally once it is written (GPT-Live's {@code session.closed}, then the end). */
  void closeWith(String lastEvent) {
    closingByUs = true;
    session.sendText(lastEvent, Callback.from(() -> session.close(1000, "", Callback.NOOP), failure -> session.disconnect()));
  }

  void sendFragmented(String text, int fragments) {
    int size = Math.max(1, (text.length() + fragments - 1) / fragments);
    for (int start = 0; start < text.length(); start += size) {
      int from = start;
      int end = Math.min(text.length(), start + size);
      await(c -> session.sendPartialText(text.substring(from, end), end == text.length(), c));
    }
  }

  void close(int code, String reason) {
    closingByUs = true;
    session.close(code, reason, Callback.NOOP);
  }

  void drop() {
    closingByUs = true;
    session.disconnect();
  }

  private void demandUnlessPaused() {
    Session s = session;
    if (!paused && s != null && s.isOpen()) {
      s.demand();
    }
  }

  private static void await(Consumer<Callback> send) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    send.accept(Callback.from(() -> done.complete(null), done::completeExceptionally));
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the fake provider could not write to the sideband", e);
    }
  }
}
