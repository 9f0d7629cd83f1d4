package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.db.Database;
import java.util.List;

/** Records mint attempts and pages through a tenant's audit; every read is scoped by tenant. */
public final class SessionAudit {
  private final Database database;

  public SessionAudit(Database database) {
    this.database = database;
  }

  /** Writes one attempt in its own short transaction. */
  public void record(TenantId tenant, MintAttempt attempt) {
    SessionAuditEntity e = new SessionAuditEntity();
    e.tenantId = tenant.value();
    e.userId = attempt.userId();
    e.createdAt = attempt.at();
    e.provider = attempt.provider();
    e.model = attempt.model();
    e.settingsVersion = attempt.settingsVersion();
    e.outcome = attempt.outcome();
    e.upstreamStatus = attempt.upstreamStatus();
    e.upstreamLatencyMs = attempt.upstreamLatencyMs();
    e.requestId = attempt.requestId();
    database.inTransaction(s -> {
      s.persist(e);
      return null;
    });
  }

  /** One page of the tenant's attempts, newest first. */
  public record Page(List<MintAttempt> items, int page, int size, long total) {
    public Page {
      items = List.copyOf(items);
    }
  }

  public Page page(TenantId tenant, int page, int size) {
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
}
