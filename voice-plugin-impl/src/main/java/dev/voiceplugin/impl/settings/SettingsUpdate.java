package dev.voiceplugin.impl.settings;

/**
 * The body of {@code PUT /api/v1/realtime-settings}.
 *
 * @param settings the complete new settings
 * @param apiKey the tenant's own provider API key, write-only; null keeps the stored key
 */
public record SettingsUpdate(RealtimeSettings settings, String apiKey) {
  @Override
  public String toString() {
    return "SettingsUpdate[settings=" + settings + ", apiKey=" + (apiKey == null ? "unchanged" : "***") + "]";
  }
}
