package dev.voiceplugin.impl.testing;

import dev.voiceplugin.impl.VoicePlugin;
import dev.voiceplugin.impl.web.VoicePluginListener;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The plugin served over real HTTP by an embedded Jetty on 127.0.0.1, configured through servlet
 * context init parameters exactly as a deployment would be. For testing resources end to end.
 */
public final class TestServer implements AutoCloseable {
  private final Server jetty;
  private final ServletContextHandler context;

  private TestServer(Server jetty, ServletContextHandler context) {
    this.jetty = jetty;
    this.context = context;
  }

  public static TestServer start(Map<String, String> settings) {
    return start(settings, null);
  }

  /**
   * Like {@link #start(Map)}, also serving the files below {@code staticRoot} at "/" (e.g. the
   * admin-ui's {@code src/main/resources/META-INF/resources}, so pages load from the working tree).
   */
  public static TestServer start(Map<String, String> settings, java.nio.file.Path staticRoot) {
    return start(settings, staticRoot, 200);
  }

  /** Like {@link #start(Map, java.nio.file.Path)} with at most {@code maxThreads} container threads. */
  public static TestServer start(Map<String, String> settings, java.nio.file.Path staticRoot, int maxThreads) {
    Server jetty = new Server(new org.eclipse.jetty.util.thread.QueuedThreadPool(maxThreads));
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    settings.forEach(context::setInitParameter);
    // Jakarta WebSocket, as a container provides it (the relay registers its endpoint through it).
    org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer.configure(context, null);
    context.addEventListener(new VoicePluginListener());
    if (staticRoot != null) {
      context.setBaseResource(org.eclipse.jetty.util.resource.ResourceFactory.of(context).newResource(staticRoot));
      context.addServlet(org.eclipse.jetty.ee10.servlet.DefaultServlet.class, "/");
    }
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
    return new TestServer(jetty, context);
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
  }

  public URI api(String path) {
    return baseUri().resolve("/api/v1/" + path);
  }

  public VoicePlugin plugin() {
    return (VoicePlugin) context.getServletContext().getAttribute(VoicePlugin.CONTEXT_ATTRIBUTE);
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
