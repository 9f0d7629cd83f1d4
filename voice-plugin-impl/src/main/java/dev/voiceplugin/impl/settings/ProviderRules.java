package dev.voiceplugin.impl.settings;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules that depend on which API the provider speaks. GPT-Live has no turn detection,
 * transcription model, noise reduction, speed, output modalities, token limit or client secrets,
 * and its API rejects unknown fields; so for a GPT-Live provider a Realtime-only setting is an
 * error that names it, never a value quietly left out. For a Realtime provider they are required,
 * as before, and GPT-Live's own settings are refused.
 */
final class ProviderRules {
  /** Realtime-only settings, each with what GPT-Live does instead (for the message). */
  private static final Map<String, String> REALTIME_ONLY = new LinkedHashMap<>();

  static {
    REALTIME_ONLY.put("outputModalities", "it always answers with speech and a transcript");
    REALTIME_ONLY.put("turnDetection", "its model decides by itself when to speak and when to listen");
    REALTIME_ONLY.put("transcription", "it transcribes both sides by itself, with no model to choose");
    REALTIME_ONLY.put("noiseReduction", "it has no noise reduction setting");
    REALTIME_ONLY.put("speed", "it has no speaking speed");
    REALTIME_ONLY.put("maxOutputTokens", "its voice has no token limit");
    REALTIME_ONLY.put("clientSecretTtlSeconds", "it has no client secrets: the plugin server creates every session");
  }

  private static final String CUSTOM_VOICE = "voice_[A-Za-z0-9_-]{1,122}";

  private ProviderRules() {}

  static void check(RealtimeSettings s, String prefix, int instructionsMaxChars, int liveInstructionsMaxChars,
      List<FieldError> errors) {
    if (s.provider() == null) {
      return;
    }
    if (s.provider().live()) {
      live(s, prefix, liveInstructionsMaxChars, errors);
    } else {
      realtime(s, prefix, instructionsMaxChars, errors);
    }
  }

  private static void realtime(RealtimeSettings s, String prefix, int instructionsMaxChars, List<FieldError> errors) {
    Map<String, Object> values = realtimeOnlyValues(s);
    values.forEach((field, value) -> {
      if (value == null && !field.equals("transcription")) { // transcription null means "off"
        errors.add(new FieldError(prefix + field, "required", "must not be null"));
      }
    });
    if (s.live() != null) {
      errors.add(new FieldError(prefix + "live", "not_supported_by_provider",
          "is only for the GPT-Live providers (openai-live, azure-live); leave it out or null for " + s.provider().wire()));
    }
    if (s.provider() == Provider.OPENAI && s.model() != null && s.model().toLowerCase(Locale.ROOT).startsWith("gpt-live")) {
      errors.add(new FieldError(prefix + "model", "invalid_model_for_provider",
          "'" + s.model() + "' is a GPT-Live model, which the Realtime API does not serve; choose provider openai-live for it"));
    }
    if (s.instructions() != null && s.instructions().length() > instructionsMaxChars) {
      errors.add(new FieldError(prefix + "instructions", "too_long",
          "must be at most " + instructionsMaxChars + " characters, was " + s.instructions().length()));
    }
  }

  private static void live(RealtimeSettings s, String prefix, int maxChars, List<FieldError> errors) {
    realtimeOnlyValues(s).forEach((field, value) -> {
      if (value != null) {
        errors.add(new FieldError(prefix + field, "not_supported_by_provider", "is not a GPT-Live setting ("
            + REALTIME_ONLY.get(field) + "); leave it out or null for " + s.provider().wire()));
      }
    });
    if (s.connectionMode() != RealtimeSettings.ConnectionMode.SERVER) {
      errors.add(new FieldError(prefix + "connectionMode", "not_supported_by_provider",
          "must be server: GPT-Live has no client secrets, so the plugin server creates every session"));
    }
    if (s.pushToTalk() != null && s.pushToTalk() != PushToTalk.OFF) {
      errors.add(new FieldError(prefix + "pushToTalk", "not_supported_by_provider", "must be off for " + s.provider().wire()
          + ": GPT-Live takes only mute and unmute from the browser, and its model decides by itself when to listen"));
    }
    if (s.transcripts() != null && Boolean.TRUE.equals(s.transcripts().store())) {
      errors.add(new FieldError(prefix + "transcripts.store", "not_supported_by_provider", "must be false for "
          + s.provider().wire() + ": GPT-Live sends its transcript only as fragments, so the plugin has no whole lines to store"));
    }
    if (s.provider() == Provider.OPENAI_LIVE && s.model() != null && s.model().toLowerCase(Locale.ROOT).contains("realtime")) {
      errors.add(new FieldError(prefix + "model", "invalid_model_for_provider", "'" + s.model()
          + "' is a Realtime API model; GPT-Live needs gpt-live-1, gpt-live-1.1 or another GPT-Live model"));
    }
    if (s.voice() != null && !RealtimeSettings.LIVE_VOICES.contains(s.voice()) && !s.voice().matches(CUSTOM_VOICE)) {
      errors.add(new FieldError(prefix + "voice", "unknown_voice", "must be one of GPT-Live's voices ("
          + String.join(", ", RealtimeSettings.LIVE_VOICES.stream().sorted().toList())
          + "), or a custom voice id starting with voice_"));
    }
    if (s.instructions() != null && s.instructions().length() > maxChars) {
      errors.add(new FieldError(prefix + "instructions", "too_long",
          "must be at most " + maxChars + " characters for GPT-Live, was " + s.instructions().length()));
    }
    if (s.live() != null) {
      delegation(s.live().delegation(), prefix + "live.delegation.", errors);
      browserEvents(s.live().browserEvents(), prefix + "live.browserEvents", errors);
    }
  }

  private static void delegation(LiveDelegation d, String prefix, List<FieldError> errors) {
    if (d == null || d.type() == null) {
      return; // @NotNull reports it
    }
    if (d.type() == LiveDelegation.Type.RESPONSES && (d.model() == null || d.model().isBlank())) {
      errors.add(new FieldError(prefix + "model", "required", "must name the Responses model that handles delegated tasks"));
    }
    if (d.type() == LiveDelegation.Type.OFF) {
      if (d.model() != null) {
        errors.add(new FieldError(prefix + "model", "not_supported", "must be null while delegation is off"));
      }
      if (d.webSearch() != null) {
        errors.add(new FieldError(prefix + "webSearch", "not_supported", "must be null while delegation is off"));
      }
    }
  }

  private static void browserEvents(List<String> events, String field, List<FieldError> errors) {
    if (events == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      String event = events.get(i);
      if (event == null) {
        continue;
      }
      if (!LiveSettings.BROWSER_EVENTS_ALLOWED.contains(event)) {
        errors.add(new FieldError(field + "[" + i + "]", "not_allowed", "the browser may only be allowed "
            + LiveSettings.MUTE + " and " + LiveSettings.UNMUTE));
      } else if (!seen.add(event)) {
        errors.add(new FieldError(field + "[" + i + "]", "duplicate", "lists " + event + " twice"));
      }
    }
  }

  private static Map<String, Object> realtimeOnlyValues(RealtimeSettings s) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("outputModalities", s.outputModalities());
    values.put("turnDetection", s.turnDetection());
    values.put("transcription", s.transcription());
    values.put("noiseReduction", s.noiseReduction());
    values.put("speed", s.speed());
    values.put("maxOutputTokens", s.maxOutputTokens());
    values.put("clientSecretTtlSeconds", s.clientSecretTtlSeconds());
    return values;
  }
}
