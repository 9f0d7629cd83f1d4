package dev.voiceplugin.webapp.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The server side of the benchmark, in its own JVM (forked by {@link ServerProcess}) so that its
 * CPU time and allocation are the servers' alone, not the load generator's: embedded PostgreSQL and
 * one Jetty with one connector serving the WAR at {@code /} (configured as {@code EmbeddedJetty}
 * deploys it, with Jakarta WebSocket for the relay) and, beside it, {@code /bench/bare-token} (the
 * bare servlet), {@code /bench/stats}, {@code /bench/pool} and {@code /bench/heap}.
 * Writes its port to {@code bench.readyFile} when it serves; exits when its parent closes stdin.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    HeapAllocation.install();
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the parent never writes; end of input means it has gone
        }
      } catch (IOException e) {
        // same: no parent
      }
      System.exit(0);
    }, "bench-parent-watch");
    watchdog.setDaemon(true);
    watchdog.start();

    URI upstream = URI.create(System.getProperty("bench.upstream"));
    ClosedLoopLoad.requireLoopback(upstream);
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    Map<String, String> params = new LinkedHashMap<>(Map.of(
        "VOICE_DB_URL", pg.getJdbcUrl("postgres", "postgres"), "VOICE_DB_USER", "postgres", "VOICE_DB_PASSWORD", "postgres",
        "VOICE_DB_JNDI", "", "VOICE_TENANCY", "demo", "VOICE_DEMO_MODE", "true",
        "OPENAI_API_KEY", Bench.API_KEY, "OPENAI_BASE_URL", upstream.toString(),
        "VOICE_MINT_LIMIT_PER_TENANT", "100000000/1s", "VOICE_MINT_LIMIT_PER_USER", "100000000/1s"));
    String pool = System.getProperty("bench.poolSize", "");
    if (!pool.isBlank()) {
      params.put("VOICE_DB_POOL_SIZE", pool);
    }
    // -Dbench.pluginParams=K=V,K=V: any other plugin setting, e.g. to compare a variant.
    for (String kv : System.getProperty("bench.pluginParams", "").split(",")) {
      if (kv.contains("=")) {
        params.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
      }
    }

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath("/");
    webapp.setWar(System.getProperty("voice.war"));
    webapp.addConfiguration(new EnvConfiguration(), new PlusConfiguration());
    webapp.setThrowUnavailableOnStartupException(true);
    params.forEach(webapp::setInitParameter);
    // Jakarta WebSocket, as Jetty's ee10-websocket-jakarta module gives a deployed WAR: the relay
    // registers its endpoint through this container's ServerContainer.
    org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer.configure(webapp, null);
    ServletContextHandler bench = new ServletContextHandler("/bench");
    bench.addServlet(new ServletHolder(new BareMintServlet(upstream.resolve("/v1/realtime/client_secrets"), Bench.API_KEY)), "/bare-token");
    bench.addServlet(new ServletHolder(new BenchStatsServlet(pg.getJdbcUrl("postgres", "postgres"))), "/stats");
    bench.addServlet(new ServletHolder(new BenchStatsServlet(pg.getJdbcUrl("postgres", "postgres"))), "/pool");
    bench.addServlet(new ServletHolder(new BenchStatsServlet(pg.getJdbcUrl("postgres", "postgres"))), "/heap");
    server.setHandler(new ContextHandlerCollection(webapp, bench));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
        pg.close();
      } catch (Exception e) {
        System.err.println("bench server shutdown: " + e);
      }
    }, "bench-server-shutdown"));
    server.start();

    Path ready = Path.of(System.getProperty("bench.readyFile"));
    Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
    Files.writeString(tmp, "port=" + connector.getLocalPort() + "\npostmaster=" + postmasterPid(pg) + "\n");
    Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    server.join();
  }

  /** pg_ctl daemonizes PostgreSQL, so it is not our child: find it as the parent of one of its backends. */
  private static long postmasterPid(EmbeddedPostgres pg) throws Exception {
    try (java.sql.Connection c = pg.getPostgresDatabase().getConnection();
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      String stat = Files.readString(Path.of("/proc", Integer.toString(rs.getInt(1)), "stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }
  }
}
