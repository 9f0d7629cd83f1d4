package dev.voiceplugin.webapp;

import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The built WAR, unchanged, deployed in an embedded Jetty 12 (ee10) as a Jetty user would deploy it. */
public final class EmbeddedJetty implements AutoCloseable {
  private final Server server;

  private EmbeddedJetty(Server server) {
    this.server = server;
  }

  /**
   * @param dataSource bound at {@code java:comp/env/jdbc/voice} when not null (the JNDI path)
   * @param initParameters servlet context parameters, e.g. VOICE_DB_URL (the configuration path)
   */
  public static EmbeddedJetty deploy(Path war, String host, int port, String contextPath, DataSource dataSource,
      Map<String, String> initParameters) throws Exception {
    return deploy(war, host, port, contextPath, dataSource, initParameters, true);
  }

  /**
   * @param scanAnnotations run Jetty's annotation scanning, as a standard Jetty deployment does; the
   *     plugin itself does not need it (it registers through web-fragment.xml), so the local run skips it
   */
  public static EmbeddedJetty deploy(Path war, String host, int port, String contextPath, DataSource dataSource,
      Map<String, String> initParameters, boolean scanAnnotations) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath(contextPath);
    webapp.setWar(war.toString());
    webapp.addConfiguration(new EnvConfiguration(), new PlusConfiguration());
    if (scanAnnotations) {
      webapp.addConfiguration(new AnnotationConfiguration());
    }
    webapp.setThrowUnavailableOnStartupException(true);
    initParameters.forEach(webapp::setInitParameter);
    if (dataSource != null) {
      // Jetty links a Resource into java:comp/env only through a resource-ref in web.xml, which a
      // WAR without web.xml does not have; an EnvEntry scoped to the webapp is bound there directly.
      new org.eclipse.jetty.plus.jndi.EnvEntry(webapp, "jdbc/voice", dataSource, true);
    }
    server.setHandler(webapp);
    server.start();
    return new EmbeddedJetty(server);
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
