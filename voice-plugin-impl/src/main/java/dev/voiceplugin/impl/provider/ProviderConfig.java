package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.config.VoiceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Plugin-wide settings of the provider clients, read once at start-up.
 *
 * @param openAiBaseUrl OpenAI's base URL without {@code /v1}, e.g. {@code https://api.openai.com}
 * @param connectTimeout how long to wait for a TCP/TLS connection to a provider
 * @param readTimeout how long to wait for the complete answer (status, headers and body); a call
 *     therefore takes at most connectTimeout + readTimeout in all
 */
public record ProviderConfig(URI openAiBaseUrl, Duration connectTimeout, Duration readTimeout) {
  public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
  public static final String CONNECT_TIMEOUT_MS = "VOICE_PROVIDER_CONNECT_TIMEOUT_MS";
  public static final String READ_TIMEOUT_MS = "VOICE_PROVIDER_READ_TIMEOUT_MS";
  static final String DEFAULT_OPENAI_BASE_URL = "https://api.openai.com";
  static final int DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
  static final int DEFAULT_READ_TIMEOUT_MS = 10_000;
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

  public ProviderConfig {
    openAiBaseUrl = normalizeBase(Objects.requireNonNull(openAiBaseUrl, "openAiBaseUrl"));
    requireTimeout(CONNECT_TIMEOUT_MS, connectTimeout);
    requireTimeout(READ_TIMEOUT_MS, readTimeout);
  }

  public static ProviderConfig fromConfig(VoiceConfig config) {
    String base = config.get(OPENAI_BASE_URL).orElse(DEFAULT_OPENAI_BASE_URL);
    URI baseUri;
    try {
      baseUri = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(OPENAI_BASE_URL + " is not a URL: '" + base + "'");
    }
    return new ProviderConfig(baseUri,
        millis(config, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS),
        millis(config, READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS));
  }

  /** The longest one call may take, start to finish. The JDK cannot time the phases apart. */
  Duration exchangeDeadline() {
    return connectTimeout.plus(readTimeout);
  }

  // The OpenAI SDKs' OPENAI_BASE_URL conventionally ends in /v1; accept that spelling too.
  private static URI normalizeBase(URI base) {
    if (!("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getHost() == null
        || base.getRawQuery() != null || base.getRawFragment() != null) {
      throw new InvalidConfigurationException(OPENAI_BASE_URL + " must be an http(s) URL without query, was '" + base + "'");
    }
    String text = base.toString().replaceAll("/+$", "");
    text = text.endsWith("/v1") ? text.substring(0, text.length() - 3) : text;
    return URI.create(text);
  }

  private static Duration millis(VoiceConfig config, String key, int defaultMillis) {
    String raw = config.get(key).orElse(Integer.toString(defaultMillis));
    try {
      return Duration.ofMillis(Integer.parseInt(raw));
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(key + " must be a whole number of milliseconds, was '" + raw + "'");
    }
  }

  private static void requireTimeout(String key, Duration timeout) {
    Objects.requireNonNull(timeout, key);
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new InvalidConfigurationException(key + " must be between 1 and " + MAX_TIMEOUT.toMillis() + " ms");
    }
  }
}
