package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.db.BatchWriter;
import dev.voiceplugin.impl.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records mint attempts and pages through a tenant's audit; every read is scoped by tenant.
 *
 * <p>Writes never happen on a request thread: attempts go into a bounded queue that one
 * background thread ({@link BatchWriter}) writes in JDBC batches within about 100 ms. While the database is down the
 * batch is kept and retried (every second), so attempts refused during an outage are written once
 * it is back. Only when the queue is full is an attempt dropped; drops are counted in the
 * {@code voice_audit_dropped} metric and logged once per outage with their number.
 */
public final class SessionAudit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SessionAudit.class);
  private static final int BATCH = 500;
  public static final int DEFAULT_CAPACITY = 20_000;

  private record Pending(TenantId tenant, MintAttempt attempt) {}

  private final Database database;
  private final BatchWriter<Pending> writer;
  private final java.util.concurrent.atomic.AtomicLong droppedSinceWritten = new java.util.concurrent.atomic.AtomicLong();
  private final Runnable onDrop;

  public SessionAudit(Database database) {
    this(database, DEFAULT_CAPACITY, () -> {});
  }

  /** @param onDrop called once for every attempt dropped because the queue was full (a metric) */
  public SessionAudit(Database database, int capacity, Runnable onDrop) {
    this.database = database;
    this.onDrop = onDrop;
    // An attempt that no longer fits when a failed batch is put back is an older one: it is dropped, the newer kept.
    this.writer = new BatchWriter<>("voice-plugin-audit-writer", capacity, BATCH, this::insertAndReport, lost -> {
      onDrop.run();
      droppedSinceWritten.incrementAndGet();
    });
  }

  /** Queues one attempt; never blocks and never touches the database on the caller's thread. */
  public void record(TenantId tenant, MintAttempt attempt) {
    if (!writer.offer(new Pending(tenant, attempt))) {
      onDrop.run();
      if (droppedSinceWritten.getAndIncrement() == 0) {
        log.error("voice-plugin audit queue is full ({} attempts waiting for the database); further attempts are "
            + "dropped and counted in voice_audit_dropped until the database is back", writer.queued());
      }
    }
  }

  /** Attempts waiting to be written. */
  public int pending() {
    return writer.queued();
  }

  /** Writes everything queued so far (and waits for a batch the writer is in the middle of). */
  public void flush() {
    writer.flush();
  }

  private void insertAndReport(List<Pending> batch) {
    insert(batch);
    long dropped = droppedSinceWritten.getAndSet(0);
    if (dropped > 0) {
      log.warn("voice-plugin audit is written again; {} attempts were dropped while its queue was full", dropped);
    }
  }

  private void insert(List<Pending> batch) {
    String sql = "insert into " + database.schema() + ".voice_session_audit (tenant_id, user_id, created_at, provider, model,"
        + " settings_version, outcome, upstream_status, upstream_latency_ms, request_id) values (?,?,?,?,?,?,?,?,?,?)";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (Pending p : batch) {
        MintAttempt a = p.attempt();
        ps.setString(1, p.tenant().value());
        ps.setString(2, a.userId());
        ps.setTimestamp(3, Timestamp.from(a.at()));
        ps.setString(4, a.provider());
        ps.setString(5, a.model());
        if (a.settingsVersion() == null) {
          ps.setNull(6, Types.BIGINT);
        } else {
          ps.setLong(6, a.settingsVersion());
        }
        ps.setString(7, a.outcome());
        setInt(ps, 8, a.upstreamStatus());
        setInt(ps, 9, a.upstreamLatencyMs());
        ps.setString(10, a.requestId());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  /** One page of the tenant's attempts, newest first. */
  public record Page(List<MintAttempt> items, int page, int size, long total) {
    public Page {
      items = List.copyOf(items);
    }
  }

  public Page page(TenantId tenant, int page, int size) {
    flush();
    return database.inTransaction(s -> {
      List<MintAttempt> items = s.createSelectionQuery(
              "from SessionAuditEntity a where a.tenantId = :tenant order by a.createdAt desc, a.id desc", SessionAuditEntity.class)
          .setParameter("tenant", tenant.value())
          .setFirstResult(page * size)
          .setMaxResults(size)
          .getResultList().stream()
          .map(e -> new MintAttempt(e.id, e.createdAt, e.userId, e.provider, e.model, e.settingsVersion, e.outcome,
              e.upstreamStatus, e.upstreamLatencyMs, e.requestId))
          .toList();
      long total = s.createSelectionQuery("select count(a) from SessionAuditEntity a where a.tenantId = :tenant", Long.class)
          .setParameter("tenant", tenant.value()).getSingleResult();
      return new Page(items, page, size, total);
    });
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (RuntimeException e) {
      log.warn("voice-plugin could not write the last {} audit records at shutdown: {}", writer.queued(), e.getMessage());
    }
  }
}
