package dev.voiceplugin.impl.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The plugin's configuration. A setting is looked up, first match wins, as a JVM system property
 * (either {@code VOICE_DB_URL} or {@code voice.db.url}), an environment variable, then a servlet
 * context init parameter (either spelling), then its default. Values are read once at start-up.
 */
public final class VoiceConfig {
  private final UnaryOperator<String> lookup;

  private VoiceConfig(UnaryOperator<String> lookup) {
    this.lookup = lookup;
  }

  /** Reads system properties, then the environment, then {@code contextParams}. */
  public static VoiceConfig fromEnvironment(UnaryOperator<String> contextParams) {
    Objects.requireNonNull(contextParams, "contextParams");
    return new VoiceConfig(
        key -> firstNonBlank(
            System.getProperty(key),
            System.getProperty(propertyName(key)),
            System.getenv(key),
            contextParams.apply(key),
            contextParams.apply(propertyName(key))));
  }

  /** A configuration from explicit values only, for tests and embedding. */
  public static VoiceConfig of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return new VoiceConfig(copy::get);
  }

  /** This configuration with {@code overrides} taking precedence. */
  public VoiceConfig with(Map<String, String> overrides) {
    Map<String, String> copy = Map.copyOf(overrides);
    return new VoiceConfig(key -> copy.containsKey(key) ? copy.get(key) : lookup.apply(key));
  }

  public Optional<String> get(Setting setting) {
    return get(setting.key()).or(() -> Optional.ofNullable(setting.defaultValue()));
  }

  /** Any setting by name, including ones added by plugins of the host; no default. */
  public Optional<String> get(String key) {
    String value = lookup.apply(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String require(Setting setting) {
    return get(setting).orElseThrow(() -> new InvalidConfigurationException(setting, "is required"));
  }

  public int getInt(Setting setting) {
    String raw = require(setting);
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(setting, "must be a whole number, was '" + raw + "'");
    }
  }

  public boolean getBoolean(Setting setting) {
    String raw = require(setting).toLowerCase(java.util.Locale.ROOT);
    return switch (raw) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new InvalidConfigurationException(setting, "must be true or false, was '" + raw + "'");
    };
  }

  public Duration getMillis(Setting setting) {
    return Duration.ofMillis(getInt(setting));
  }

  public List<String> getList(Setting setting) {
    return get(setting).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** Every known setting that has a value, by key; handed to SPI implementations. */
  public Map<String, String> asMap() {
    Map<String, String> map = new HashMap<>();
    for (Setting s : Setting.values()) {
      get(s).ifPresent(v -> map.put(s.key(), v));
    }
    return Map.copyOf(map);
  }

  static String propertyName(String key) {
    return key.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
