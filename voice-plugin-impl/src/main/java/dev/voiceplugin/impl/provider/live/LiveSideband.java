package dev.voiceplugin.impl.provider.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.provider.calls.Sideband;
import dev.voiceplugin.impl.provider.calls.SidebandListener;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A GPT-Live sideband: the plugin's one JSON-over-WebSocket sideband underneath, plus what only
 * GPT-Live has, a {@code session.closed} event that confirms the end (its final usage comes in it).
 * Closing this socket does not end the session; {@link LiveCallProvider#end} does.
 */
final class LiveSideband implements Sideband {
  private final SidebandListener listener;
  private final CompletableFuture<Void> sessionClosed = new CompletableFuture<>();
  private volatile Sideband socket;

  LiveSideband(SidebandListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** What the socket underneath reports to: notes the end, and passes every event on unchanged. */
  SidebandListener events() {
    return new SidebandListener() {
      @Override
      public void onEvent(JsonNode event) {
        // Noted before the listener hears it: a listener that ends the call on it must find the session closed.
        if ("session.closed".equals(event.path("type").asText())) {
          sessionClosed.complete(null);
        }
        listener.onEvent(event);
      }

      @Override
      public void onClosed(int code, String reason) {
        // Without session.closed the end is not confirmed, but nothing more can arrive on this socket.
        sessionClosed.complete(null);
        listener.onClosed(code, reason);
      }
    };
  }

  LiveSideband bind(Sideband socket) {
    this.socket = socket;
    return this;
  }

  /** Completes at {@code session.closed}, or when the socket ends without one. */
  CompletableFuture<Void> sessionClosed() {
    return sessionClosed;
  }

  @Override
  public CompletableFuture<Void> send(ObjectNode event) {
    return socket.send(event);
  }

  @Override
  public void close() {
    socket.close();
  }

  @Override
  public boolean isOpen() {
    Sideband s = socket;
    return s != null && s.isOpen();
  }
}
