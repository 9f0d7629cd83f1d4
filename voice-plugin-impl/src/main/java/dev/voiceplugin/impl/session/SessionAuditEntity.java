package dev.voiceplugin.impl.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code voice_session_audit}: a mint attempt and its outcome (never the secret). */
@Entity
@Table(name = "voice_session_audit")
class SessionAuditEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  Long id;

  @Column(name = "tenant_id", nullable = false, length = 128)
  String tenantId;

  @Column(name = "user_id", nullable = false, length = 256)
  String userId;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "provider", length = 16)
  String provider;

  @Column(name = "model", length = 128)
  String model;

  @Column(name = "settings_version")
  Long settingsVersion;

  @Column(name = "outcome", nullable = false, length = 64)
  String outcome;

  @Column(name = "upstream_status")
  Integer upstreamStatus;

  @Column(name = "upstream_latency_ms")
  Integer upstreamLatencyMs;

  @Column(name = "request_id", length = 64)
  String requestId;
}
