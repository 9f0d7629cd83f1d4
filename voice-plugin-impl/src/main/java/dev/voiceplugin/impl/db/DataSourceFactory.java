package dev.voiceplugin.impl.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.config.Setting;
import dev.voiceplugin.impl.config.VoiceConfig;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Finds the plugin's database: a container-managed DataSource bound at {@code VOICE_DB_JNDI}
 * (Tomcat {@code context.xml}, Jetty {@code jetty-env.xml}) when there is one, otherwise a HikariCP
 * pool over {@code VOICE_DB_URL}.
 */
public final class DataSourceFactory {
  private DataSourceFactory() {}

  /** The data source and whether the plugin owns (and must close) it. */
  public record Choice(DataSource dataSource, boolean owned, String description) {}

  public static Choice create(VoiceConfig config) {
    Optional<DataSource> fromJndi = config.get(Setting.DB_JNDI_NAME).flatMap(DataSourceFactory::lookup);
    if (fromJndi.isPresent()) {
      return new Choice(fromJndi.get(), false, "JNDI " + config.require(Setting.DB_JNDI_NAME));
    }
    String url = config.get(Setting.DB_URL).orElseThrow(() -> new InvalidConfigurationException(
        "No database configured: bind a DataSource at " + config.get(Setting.DB_JNDI_NAME).orElse("(no JNDI name)")
            + " or set VOICE_DB_URL (with VOICE_DB_USER and VOICE_DB_PASSWORD)"));
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new InvalidConfigurationException(Setting.DB_URL, "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("voice-plugin");
    hikari.setJdbcUrl(url);
    // Named explicitly so Hikari loads the WAR's own driver instead of asking DriverManager, which
    // refuses a driver registered by another class loader (a container or launcher with its own copy).
    hikari.setDriverClassName("org.postgresql.Driver");
    config.get(Setting.DB_USER).ifPresent(hikari::setUsername);
    config.get(Setting.DB_PASSWORD).ifPresent(hikari::setPassword);
    hikari.setMaximumPoolSize(config.getInt(Setting.DB_POOL_SIZE));
    hikari.setMinimumIdle(Math.min(2, config.getInt(Setting.DB_POOL_SIZE)));
    hikari.setConnectionTimeout(Math.max(250, config.getInt(Setting.DB_CONNECT_TIMEOUT_MS)));
    hikari.setValidationTimeout(Math.max(250, Math.min(2000, config.getInt(Setting.DB_CONNECT_TIMEOUT_MS))));
    // Start even when the database is down: health reports 503 and a retry brings the plugin up.
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("ApplicationName", "voice-plugin");
    // The audit writes in JDBC batches: sent as multi-row inserts, a batch is one statement, not one per row.
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    hikari.addDataSourceProperty("connectTimeout", Math.max(1, config.getInt(Setting.DB_CONNECT_TIMEOUT_MS) / 1000));
    return new Choice(new HikariDataSource(hikari), true, "pool over " + redact(url));
  }

  private static Optional<DataSource> lookup(String name) {
    try {
      Object bound = new InitialContext().lookup(name);
      return bound instanceof DataSource ds ? Optional.of(ds) : Optional.empty();
    } catch (NamingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The URL without its query string, which may carry a password. */
  static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
