package dev.voiceplugin.ui.session;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The admin-ui's static files from the working tree ({@code /voice-plugin/...}) and this package's
 * test pages ({@code /test/...}) on 127.0.0.1, every response under the CSP the admin page runs
 * with ({@code script-src 'self'; style-src 'self'}), so an inline style or handler in the widget
 * fails the tests. The API is not here: tests stub it ({@link MintStub}) or use the real TestServer.
 * What ships is at {@code /voice-plugin/...} (target/classes: the widget bundled); a test of one
 * source module, which the bundle no longer has as a file, imports it from {@code /sources/voice-plugin/...}.
 */
public final class StaticSite implements AutoCloseable {
  public static final String CSP = "script-src 'self'; style-src 'self'";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8", "json", "application/json");

  private final HttpServer server;
  /** Every path answered 200, in order: what the browser really fetched (worklets included, which Playwright does not report). */
  private final java.util.List<String> served = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Path uiRoot;
  private final Path testRoot;

  private StaticSite(HttpServer server, Path uiRoot, Path testRoot) {
    this.server = server;
    this.uiRoot = uiRoot;
    this.testRoot = testRoot;
  }

  public static StaticSite start() {
    try {
      Path uiRoot = uiRoot();
      Path testRoot = Path.of(StaticSite.class.getResource("/session/host.html").toURI()).getParent();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      StaticSite site = new StaticSite(server, uiRoot, testRoot);
      server.createContext("/", site::serve);
      server.start();
      return site;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code voice.ui.root}: admin-ui's {@code src/main/resources/META-INF/resources}, set by surefire. */
  public static Path uiRoot() {
    String root = System.getProperty("voice.ui.root");
    if (root == null) {
      throw new IllegalStateException("system property voice.ui.root is not set (surefire sets it in admin-ui/pom.xml)");
    }
    return Path.of(root);
  }

  /** The test host page: the widget alone in an 18rem sidebar, embedded as the README says. */
  public String hostPage() {
    return url("/test/host.html");
  }

  /** The paths this site answered with a file, in order. */
  public java.util.List<String> served() {
    return java.util.List.copyOf(served);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Path file = path.startsWith("/test/") ? resolve(testRoot, path.substring("/test/".length()))
          : path.startsWith("/sources/") ? resolve(sourcesRoot(), path.substring("/sources/".length()))
          : resolve(uiRoot, path.substring(1));
      if (file == null || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      served.add(path);
      String name = file.getFileName().toString();
      String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** {@code voice.ui.sources}: admin-ui's sources, set by surefire. */
  private static Path sourcesRoot() {
    return Path.of(System.getProperty("voice.ui.sources", "src/main/resources/META-INF/resources"));
  }

  private static Path resolve(Path root, String relative) {
    Path file = root.resolve(relative).normalize();
    return file.startsWith(root) ? file : null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
