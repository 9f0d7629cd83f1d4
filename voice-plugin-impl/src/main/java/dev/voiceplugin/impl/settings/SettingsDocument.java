package dev.voiceplugin.impl.settings;

import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/realtime-settings}: the settings plus their version (also the
 * ETag), who changed them last, and whether an API key is stored (never the key: only its last 4).
 */
public record SettingsDocument(
    String tenantId, long version, Instant updatedAt, String updatedBy, boolean apiKeyConfigured, String apiKeyLast4,
    Map<String, Object> limits, RealtimeSettings settings) {

  /** {@code limits} has the instructions limit of each kind of provider: the settings screen switches between them. */
  static SettingsDocument of(String tenantId, StoredSettings stored, SettingsValidator limits) {
    return new SettingsDocument(tenantId, stored.version(), stored.updatedAt().orElse(null),
        stored.updatedBy().orElse(null), stored.apiKeyConfigured(), stored.apiKeyLast4().orElse(null),
        Map.of("instructionsMaxChars", limits.instructionsMaxChars(), "liveInstructionsMaxChars",
            limits.liveInstructionsMaxChars()), stored.settings());
  }
}
