package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.web.Json;
import java.util.List;
import java.util.Optional;

/**
 * The platform's defaults, used for tenants that never saved settings: built-in values, overridden
 * field by field by the JSON document in {@code VOICE_DEFAULT_SETTINGS} (validated at start-up).
 */
public final class SettingsDefaults {
  private SettingsDefaults() {}

  /** Sensible GA defaults: gpt-realtime, marin, audio, server VAD, transcription on, 2-minute secrets. */
  public static RealtimeSettings builtIn() {
    return new RealtimeSettings(Provider.OPENAI, null, "gpt-realtime", "marin",
        List.of(RealtimeSettings.OutputModality.AUDIO),
        "You are the voice assistant of this platform's admin panel. Be brief, friendly and precise.",
        TurnDetection.serverVad(), new Transcription("gpt-4o-mini-transcribe", null, null),
        RealtimeSettings.NoiseReduction.NEAR_FIELD, 1.0, MaxOutputTokens.INFINITE, 120, List.of());
  }

  /** Built-in defaults with {@code overridesJson} (a partial settings document) applied. */
  public static RealtimeSettings withOverrides(Optional<String> overridesJson, SettingsValidator validator) {
    if (overridesJson.isEmpty()) {
      return builtIn();
    }
    try {
      ObjectNode merged = Json.mapper().valueToTree(builtIn());
      JsonNode overrides = Json.mapper().readTree(overridesJson.get());
      if (!(overrides instanceof ObjectNode)) {
        throw new InvalidConfigurationException("VOICE_DEFAULT_SETTINGS must be a JSON object");
      }
      merged.setAll((ObjectNode) overrides);
      RealtimeSettings settings = Json.mapper().treeToValue(merged, RealtimeSettings.class);
      List<FieldError> errors = validator.validate(settings, "");
      if (!errors.isEmpty()) {
        throw new InvalidConfigurationException("VOICE_DEFAULT_SETTINGS is invalid: " + errors);
      }
      return settings;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidConfigurationException("VOICE_DEFAULT_SETTINGS is not a valid settings document: " + e.getOriginalMessage());
    }
  }
}
