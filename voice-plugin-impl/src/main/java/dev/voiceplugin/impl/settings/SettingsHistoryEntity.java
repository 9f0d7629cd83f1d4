package dev.voiceplugin.impl.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.ColumnTransformer;

/** One row of the append-only {@code voice_tenant_settings_history}; secrets are never in it. */
@Entity
@Table(name = "voice_tenant_settings_history")
class SettingsHistoryEntity {
  @EmbeddedId
  Key key;

  @Column(name = "action", nullable = false, length = 32)
  String action;

  // Bound as text and cast in SQL: a PGobject would break when the container's driver (JNDI pool in
  // Tomcat's lib/) and the WAR's driver are loaded by different class loaders.
  @Column(name = "settings", nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  String settingsJson;

  @Column(name = "changed_fields", nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  String changedFieldsJson;

  @Column(name = "api_key_configured", nullable = false)
  boolean apiKeyConfigured;

  @Column(name = "restored_from")
  Long restoredFrom;

  @Column(name = "changed_at", nullable = false)
  Instant changedAt;

  @Column(name = "changed_by", nullable = false, length = 256)
  String changedBy;

  /** (tenant_id, version). */
  @Embeddable
  static class Key implements Serializable {
    @Column(name = "tenant_id", length = 128)
    String tenantId;

    @Column(name = "version")
    long version;

    Key() {}

    Key(String tenantId, long version) {
      this.tenantId = tenantId;
      this.version = version;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.tenantId.equals(tenantId) && k.version == version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, version);
    }
  }
}
