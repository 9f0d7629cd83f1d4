package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records mint attempts and pages through a tenant's audit; every read is scoped by tenant.
 *
 * <p>Writes leave the mint's hot path: attempts are queued and a background thread inserts them in
 * JDBC batches within about 100 ms. Reading the audit, and closing the plugin, first writes
 * everything queued. When the queue is full an attempt is written at once rather than dropped.
 */
public final class SessionAudit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SessionAudit.class);
  private static final int BATCH = 500;

  private record Pending(TenantId tenant, MintAttempt attempt) {}

  private final Database database;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(20_000);
  private final Thread writer;
  private volatile boolean running = true;

  public SessionAudit(Database database) {
    this.database = database;
    this.writer = new Thread(this::writeContinuously, "voice-plugin-audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues one attempt (or writes it at once when the queue is full). */
  public void record(TenantId tenant, MintAttempt attempt) {
    if (!queue.offer(new Pending(tenant, attempt))) {
      insert(List.of(new Pending(tenant, attempt)));
    }
  }

  /** Writes everything queued so far. */
  public void flush() {
    List<Pending> batch = new ArrayList<>();
    while (queue.drainTo(batch, BATCH) > 0) {
      insert(batch);
      batch.clear();
    }
  }

  private void writeContinuously() {
    List<Pending> batch = new ArrayList<>();
    while (running) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        insert(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("voice-plugin could not write {} audit records, retrying: {}", batch.size(), e.getMessage());
        requeue(batch);
        sleepQuietly();
      } finally {
        batch.clear();
      }
    }
  }

  private void requeue(List<Pending> batch) {
    for (Pending p : batch) {
      if (!queue.offer(p)) {
        log.error("voice-plugin audit queue full while the database is down; an attempt of tenant {} was not recorded", p.tenant());
      }
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
        ps.setLong(6, a.settingsVersion());
        ps.setString(7, a.outcome());
        setInt(ps, 8, a.upstreamStatus());
        setInt(ps, 9, a.upstreamLatencyMs());
        ps.setString(10, a.requestId());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("audit insert failed: " + e.getMessage(), e);
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

  private static void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    writer.interrupt();
    try {
      writer.join(2000);
      flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("voice-plugin could not write the last audit records at shutdown: {}", e.getMessage());
    }
  }
}
