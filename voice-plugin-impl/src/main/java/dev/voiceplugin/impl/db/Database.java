package dev.voiceplugin.impl.db;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.config.Setting;
import dev.voiceplugin.impl.config.VoiceConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's database: data source, migrations and Hibernate, started lazily so that a database
 * that is down at deploy time does not fail the deployment. While it is down, health reports 503,
 * requests get {@code database_unavailable}, a background task retries, and exactly one line is
 * logged per change of state (never a stack-trace loop).
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final DataSourceFactory.Choice source;
  private final String schema;
  private final boolean migrate;
  private final List<Class<?>> entities;
  private final ScheduledExecutorService retrier;
  private volatile SessionFactory sessionFactory;
  private volatile String lastFailure;
  private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean down;
  private final java.util.concurrent.atomic.AtomicLong nextAttemptNanos = new java.util.concurrent.atomic.AtomicLong();

  private Database(VoiceConfig config, DataSourceFactory.Choice source, List<Class<?>> entities) {
    this.source = source;
    this.schema = config.require(Setting.DB_SCHEMA);
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new InvalidConfigurationException(Setting.DB_SCHEMA, "must be a lower-case SQL identifier, was '" + schema + "'");
    }
    this.migrate = config.getBoolean(Setting.DB_MIGRATE);
    this.entities = List.copyOf(entities);
    this.retrier = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "voice-plugin-db-retry");
      t.setDaemon(true);
      return t;
    });
    int retrySeconds = Math.max(1, config.getInt(Setting.DB_RETRY_SECONDS));
    retrier.scheduleWithFixedDelay(() -> {
      startIfNeeded();
      probeIfDown();
    }, retrySeconds, retrySeconds, TimeUnit.SECONDS);
  }

  /** Creates the database access and tries once to start it; never throws for a database that is down. */
  public static Database open(VoiceConfig config, List<Class<?>> entities) {
    DataSourceFactory.Choice source = DataSourceFactory.create(config);
    log.info("voice-plugin database: {}", source.description());
    Database db = new Database(config, source, entities);
    db.startIfNeeded();
    return db;
  }

  public DataSource dataSource() {
    return source.dataSource();
  }

  public String schema() {
    return schema;
  }

  /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
  public <T> T inTransaction(Function<Session, T> work) {
    SessionFactory sf = startedSessionFactory();
    // The connection is taken here, not by Hibernate: a busy pool or a database that is down is then
    // mapped (and logged once) by connection(), instead of Hibernate logging two ERROR lines per request.
    try (Connection c = connection(); Session session = sf.withOptions().connection(c).openSession()) {
      var tx = session.beginTransaction();
      try {
        T result = work.apply(session);
        tx.commit();
        return result;
      } catch (RuntimeException e) {
        try {
          if (tx.isActive()) {
            tx.rollback();
          }
        } catch (RuntimeException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(e);
    } catch (RuntimeException e) {
      if (Failures.isPoolBusy(e) || Failures.isConnectionFailure(e)) {
        throw failure(e);
      }
      throw e;
    }
  }

  /**
   * Opens a plain JDBC connection, mapping "database down" to {@link DatabaseUnavailableException}
   * and "every pooled connection in use" to {@link DatabaseBusyException}. The caller closes it.
   */
  public Connection connection() {
    failFastWhileDown();
    try {
      Connection c = source.dataSource().getConnection();
      noteNotBusy();
      noteRecovered();
      return c;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * The exception to throw for a failed database call: busy and down are noted (one log line per
   * change of state) and become 503s; any other SQL error is a bug or a broken schema (500).
   */
  public RuntimeException failure(Throwable e) {
    if (Failures.isPoolBusy(e)) {
      noteBusy();
      return new DatabaseBusyException(e);
    }
    if (Failures.isConnectionFailure(e)) {
      noteFailure(e);
      return new DatabaseUnavailableException(Failures.describe(e), e);
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException("database call failed: " + e.getMessage(), e);
  }

  /**
   * While the database is known to be down, at most one request a second really tries it (and
   * waits for the connect timeout); the others are refused at once. An outage thus costs neither
   * latency nor a log line per request, and the first success ends it.
   */
  private void failFastWhileDown() {
    if (!down) {
      return;
    }
    long now = System.nanoTime();
    long next = nextAttemptNanos.get();
    if (now - next < 0 || !nextAttemptNanos.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(1))) {
      throw new DatabaseUnavailableException(lastFailure == null ? "the connection to the database failed" : lastFailure, null);
    }
  }

  private void noteRecovered() {
    if (down) {
      down = false;
      lastFailure = null;
      log.info("voice-plugin database is available again");
    }
  }

  /** The retrier's probe while the plugin runs: ends a known outage as soon as a connection works. */
  private void probeIfDown() {
    if (!down) {
      return;
    }
    try (Connection c = source.dataSource().getConnection()) {
      if (c.isValid(2)) {
        noteRecovered();
      }
    } catch (SQLException | RuntimeException e) {
      noteFailure(e);
    }
  }

  private void noteBusy() {
    if (busy.compareAndSet(false, true)) {
      log.warn("voice-plugin database pool is busy: every connection was in use for the connect timeout; "
          + "requests get 503 database_busy until one is free (raise VOICE_DB_POOL_SIZE if this persists)");
    }
  }

  private void noteNotBusy() {
    if (busy.get() && busy.compareAndSet(true, false)) {
      log.info("voice-plugin database pool has free connections again");
    }
  }

  /** For health: reachable, migrated, and why not, in words that hold no pool or host internals. */
  public DatabaseStatus status() {
    try (Connection c = source.dataSource().getConnection()) {
      noteNotBusy();
      Optional<String> version = schemaVersion(c);
      if (sessionFactory == null) {
        startIfNeeded();
      }
      boolean ready = sessionFactory != null;
      if (ready) {
        noteRecovered();
      }
      return new DatabaseStatus(true, ready, version,
          ready ? Optional.empty() : Optional.ofNullable(lastFailure).or(() -> Optional.of("starting")));
    } catch (SQLException | RuntimeException e) {
      if (Failures.isPoolBusy(e)) {
        noteBusy();
        return new DatabaseStatus(true, sessionFactory != null, Optional.empty(), Optional.of(DatabaseStatus.BUSY));
      }
      noteFailure(e);
      return new DatabaseStatus(false, sessionFactory != null, Optional.empty(), Optional.of(Failures.describe(e)));
    }
  }

  private Optional<String> schemaVersion(Connection c) throws SQLException {
    String sql = "select version from " + schema + "." + SchemaMigrator.HISTORY_TABLE
        + " where success and version is not null order by installed_rank desc limit 1";
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
        return Optional.empty(); // not migrated yet
      }
      throw e;
    }
  }

  private SessionFactory startedSessionFactory() {
    SessionFactory sf = sessionFactory;
    if (sf == null) {
      startIfNeeded();
      sf = sessionFactory;
    }
    if (sf == null) {
      throw new DatabaseUnavailableException(lastFailure == null ? "starting" : lastFailure, null);
    }
    return sf;
  }

  private synchronized void startIfNeeded() {
    if (sessionFactory != null) {
      return;
    }
    try {
      if (migrate) {
        var result = SchemaMigrator.migrate(source.dataSource(), schema);
        log.info("voice-plugin schema {} at version {} ({} migrations applied)", schema,
            result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion, result.migrationsExecuted);
      }
      sessionFactory = HibernateBootstrap.build(source.dataSource(), schema, entities);
      if (lastFailure != null) {
        log.info("voice-plugin database is available again");
      }
      lastFailure = null;
      down = false;
    } catch (RuntimeException e) {
      noteFailure(e);
    }
  }

  private void noteFailure(Throwable e) {
    down = true;
    String reason = Failures.describe(e);
    if (!reason.equals(lastFailure)) {
      log.error("voice-plugin database unavailable ({}): {}; health reports 503 and the plugin retries",
          source.description(), reason);
    }
    lastFailure = reason;
  }

  @Override
  public void close() {
    retrier.shutdownNow();
    if (sessionFactory != null) {
      sessionFactory.close();
    }
    if (source.owned() && source.dataSource() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("closing the voice-plugin pool failed: {}", e.toString());
      }
    }
  }
}
