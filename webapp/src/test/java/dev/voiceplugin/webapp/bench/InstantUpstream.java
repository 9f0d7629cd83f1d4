package dev.voiceplugin.webapp.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A fake provider that answers every mint at once with a fixed client secret: the benchmark's floor. */
final class InstantUpstream implements AutoCloseable {
  private static final ByteBuffer BODY = ByteBuffer.wrap(
      "{\"value\":\"ek_bench\",\"expires_at\":1767225600,\"session\":{\"type\":\"realtime\",\"id\":\"sess_b\",\"object\":\"realtime.session\"}}"
          .getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  private final Server server = new Server();

  InstantUpstream() throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        // Drain the request body, then answer: a real provider reads the whole request too.
        org.eclipse.jetty.io.Content.Source.consumeAll(request, Callback.from(() -> {
          response.getHeaders().put("Content-Type", "application/json");
          response.write(true, BODY.slice(), callback);
        }, callback::failed));
        return true;
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
