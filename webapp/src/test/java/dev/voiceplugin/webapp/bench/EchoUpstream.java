package dev.voiceplugin.webapp.bench;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The relay benchmark's provider: a Realtime WebSocket at {@code /v1/realtime?model=…} on
 * 127.0.0.1 (Jetty, in the load generator's JVM) that plays audio back at the pace it arrives.
 * Unlike the strict fake of the tests it keeps nothing per event (a 60 s run at 100 sessions is
 * 300,000 of them each way), so what it costs stays flat. Both the relay and the direct reference
 * connect here, so any cost of its own is in both.
 */
final class EchoUpstream implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  final Set<EchoStream> open = ConcurrentHashMap.newKeySet();
  final java.util.concurrent.atomic.AtomicLong sendFailures = new java.util.concurrent.atomic.AtomicLong();
  final int turnFrames;
  volatile FrameStats stats = new FrameStats(0);

  /** @param turnFrames appends per assistant item; then the item ends with {@code response.done} and usage */
  EchoUpstream(int turnFrames) throws Exception {
    this.turnFrames = turnFrames;
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
      container.setIdleTimeout(Duration.ofMinutes(5));
      container.addMapping("/v1/realtime", (request, response, callback) -> {
        // The plugin's key, as the real provider checks it; a wrong one is the relay's bug, not noise.
        if (!("Bearer " + Bench.API_KEY).equals(request.getHeaders().get("Authorization"))) {
          response.setStatus(401);
          callback.succeeded();
          return null;
        }
        return new EchoStream(this);
      });
    }));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  /** {@code ws://…/v1/realtime?model=…}: where the direct reference connects (the relay derives the same). */
  java.net.URI streamUrl() {
    return java.net.URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/v1/realtime?model=gpt-realtime");
  }

  /** Where each append's browser-to-provider latency goes from now on (one cell's window). */
  void record(FrameStats window) {
    stats = window;
  }

  /** Provider writes that failed (a socket closed under them, or a send Jetty refused). */
  long sendFailures() {
    return sendFailures.get();
  }

  int openStreams() {
    return open.size();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
