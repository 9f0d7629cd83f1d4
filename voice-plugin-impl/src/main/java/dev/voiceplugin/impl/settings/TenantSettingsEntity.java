package dev.voiceplugin.impl.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One row of {@code voice_tenant_settings}: the current settings of a tenant. */
@Entity
@Table(name = "voice_tenant_settings")
class TenantSettingsEntity {
  @Id
  @Column(name = "tenant_id", length = 128)
  String tenantId;

  @Column(name = "version", nullable = false)
  long version;

  // Bound as text and cast in SQL: a PGobject would break when the container's driver (JNDI pool in
  // Tomcat's lib/) and the WAR's driver are loaded by different class loaders.
  @Column(name = "settings", nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  String settingsJson;

  @Column(name = "api_key_ciphertext")
  @JdbcTypeCode(SqlTypes.VARBINARY)
  byte[] apiKeyCiphertext;

  @Column(name = "api_key_key_id", length = 64)
  String apiKeyKeyId;

  @Column(name = "api_key_last4", length = 4)
  String apiKeyLast4;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  @Column(name = "updated_by", nullable = false, length = 256)
  String updatedBy;
}
