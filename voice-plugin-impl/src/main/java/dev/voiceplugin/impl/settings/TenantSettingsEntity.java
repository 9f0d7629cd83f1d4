package dev.voiceplugin.impl.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
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

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "settings", nullable = false)
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
