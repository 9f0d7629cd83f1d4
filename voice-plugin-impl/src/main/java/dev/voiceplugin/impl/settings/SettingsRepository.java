package dev.voiceplugin.impl.settings;

import dev.voiceplugin.api.TenantId;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** Plain data access for settings and their history; every method takes the tenant explicitly. */
final class SettingsRepository {

  Optional<TenantSettingsEntity> find(Session session, TenantId tenant) {
    return Optional.ofNullable(session.find(TenantSettingsEntity.class, tenant.value()));
  }

  /** Reads the row and locks it until the transaction ends, so concurrent writers queue up. */
  Optional<TenantSettingsEntity> findForUpdate(Session session, TenantId tenant) {
    return Optional.ofNullable(session.find(TenantSettingsEntity.class, tenant.value(), LockModeType.PESSIMISTIC_WRITE));
  }

  void insert(Session session, TenantSettingsEntity entity) {
    session.persist(entity);
  }

  void appendHistory(Session session, SettingsHistoryEntity entry) {
    session.persist(entry);
  }

  Optional<SettingsHistoryEntity> findHistory(Session session, TenantId tenant, long version) {
    return Optional.ofNullable(session.find(SettingsHistoryEntity.class, new SettingsHistoryEntity.Key(tenant.value(), version)));
  }

  List<SettingsHistoryEntity> history(Session session, TenantId tenant, int offset, int limit) {
    return session.createSelectionQuery(
            "from SettingsHistoryEntity h where h.key.tenantId = :tenant order by h.key.version desc", SettingsHistoryEntity.class)
        .setParameter("tenant", tenant.value())
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  long countHistory(Session session, TenantId tenant) {
    return session.createSelectionQuery(
            "select count(h) from SettingsHistoryEntity h where h.key.tenantId = :tenant", Long.class)
        .setParameter("tenant", tenant.value())
        .getSingleResult();
  }
}
