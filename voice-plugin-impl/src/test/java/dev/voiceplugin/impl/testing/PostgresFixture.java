package dev.voiceplugin.impl.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one PostgreSQL fixture of the whole build. Where the server comes from, first match wins:
 * <ol>
 *   <li>{@code VOICE_TEST_JDBC_URL} (with {@code VOICE_TEST_JDBC_USER}, {@code VOICE_TEST_JDBC_PASSWORD});
 *   <li>Testcontainers, when a Docker engine answers;
 *   <li>embedded PostgreSQL (io.zonky), which needs nothing installed.
 * </ol>
 * One server per JVM; each test gets a schema of its own, so tests never see each other's rows.
 */
public final class PostgresFixture {
  private static Server server;

  private PostgresFixture() {}

  /** Connection details of the shared server. */
  public record Server(String url, String user, String password, String kind) {
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }
  }

  /** A fresh, empty schema name on the shared server, and the settings that point the plugin at it. */
  public record TestDatabase(Server server, String schema) {
    public Map<String, String> pluginSettings() {
      return Map.of("VOICE_DB_URL", server.url(), "VOICE_DB_USER", server.user(),
          "VOICE_DB_PASSWORD", server.password(), "VOICE_DB_SCHEMA", schema, "VOICE_DB_JNDI", "");
    }

    public Connection connect() throws SQLException {
      Connection c = server.connect();
      try (var st = c.createStatement()) {
        st.execute("set search_path to " + schema);
      }
      return c;
    }
  }

  public static synchronized Server server() {
    if (server == null) {
      server = startServer();
    }
    return server;
  }

  public static TestDatabase newDatabase() {
    return new TestDatabase(server(), "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT));
  }

  private static Server startServer() {
    String url = System.getenv("VOICE_TEST_JDBC_URL");
    if (url != null && !url.isBlank()) {
      return new Server(url, envOr("VOICE_TEST_JDBC_USER", "postgres"), envOr("VOICE_TEST_JDBC_PASSWORD", ""), "VOICE_TEST_JDBC_URL");
    }
    if (dockerAvailable()) {
      var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:17-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "testcontainers");
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg)));
      return new Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "embedded");
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  private static boolean dockerAvailable() {
    boolean socket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
    if (!socket && System.getenv("DOCKER_HOST") == null) {
      return false; // no engine to ask; skips Testcontainers' slow, noisy probe
    }
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null ? fallback : v;
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException ignored) {
      // JVM is exiting
    }
  }
}
