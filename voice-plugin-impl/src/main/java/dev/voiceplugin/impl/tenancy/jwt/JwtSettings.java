package dev.voiceplugin.impl.tenancy.jwt;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.config.Setting;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The jwt tenancy's configuration, checked once at start-up so a bad value never waits for a request. */
record JwtSettings(Keys keys, String issuer, String audience, int clockSkewSeconds, String cookie,
    String tenantClaim, String userClaim, String rolesClaim, String adminRole, String sessionRole) {

  /** Where verification keys come from: exactly one of the two. */
  sealed interface Keys {}

  /** HS256 with a shared secret. Its toString never shows the key. */
  record SharedSecret(SecretKey key) implements Keys {
    @Override
    public String toString() {
      return "SharedSecret[redacted]";
    }
  }

  /** RS256/ES256 with the public keys published at {@code url}. */
  record Jwks(URL url) implements Keys {}

  private static final int MIN_SECRET_BYTES = 32;
  private static final int MAX_CLOCK_SKEW_SECONDS = 300;
  private static final String COOKIE_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}";
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  JwtSettings {
    Objects.requireNonNull(keys, "keys");
  }

  static JwtSettings from(Map<String, String> settings) {
    Optional<String> secret = value(settings, Setting.JWT_SECRET);
    Optional<String> jwks = value(settings, Setting.JWT_JWKS_URL);
    if (secret.isPresent() == jwks.isPresent()) {
      throw new InvalidConfigurationException("VOICE_TENANCY=jwt needs exactly one of VOICE_JWT_SECRET (HS256) or "
          + "VOICE_JWT_JWKS_URL (RS256/ES256); " + (secret.isPresent() ? "both are set" : "neither is set"));
    }
    Keys keys = secret.<Keys>map(JwtSettings::sharedSecret).orElseGet(() -> jwks(jwks.orElseThrow()));
    String adminRole = value(settings, Setting.ADMIN_ROLE).orElseThrow();
    return new JwtSettings(keys, required(settings, Setting.JWT_ISSUER), required(settings, Setting.JWT_AUDIENCE),
        clockSkew(settings), cookie(settings), required(settings, Setting.JWT_TENANT_CLAIM),
        required(settings, Setting.JWT_USER_CLAIM), required(settings, Setting.JWT_ROLES_CLAIM),
        adminRole, value(settings, Setting.SESSION_ROLE).orElse(adminRole));
  }

  /** The secret's UTF-8 bytes are the key, as most JWT libraries do with a string secret. */
  private static SharedSecret sharedSecret(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      // Never echo the secret, nor its length: the message reaches the 503 problem and the log.
      throw new InvalidConfigurationException(Setting.JWT_SECRET,
          "must be at least 32 bytes (256 bits) for HS256; generate one with: openssl rand -base64 48");
    }
    return new SharedSecret(new SecretKeySpec(bytes, "HmacSHA256"));
  }

  private static Jwks jwks(String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (java.net.URISyntaxException e) {
      throw new InvalidConfigurationException(Setting.JWT_JWKS_URL, "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    boolean loopback = uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT));
    // Keys fetched over plain HTTP could be swapped by anyone on the path, so only loopback may skip TLS.
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new InvalidConfigurationException(Setting.JWT_JWKS_URL, "must be an https:// URL (http:// only for localhost)");
    }
    try {
      return new Jwks(uri.toURL());
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new InvalidConfigurationException(Setting.JWT_JWKS_URL, "is not a URL");
    }
  }

  private static int clockSkew(Map<String, String> settings) {
    String raw = value(settings, Setting.JWT_CLOCK_SKEW_SECONDS).orElseThrow();
    try {
      int seconds = Integer.parseInt(raw);
      if (seconds >= 0 && seconds <= MAX_CLOCK_SKEW_SECONDS) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidConfigurationException(Setting.JWT_CLOCK_SKEW_SECONDS, "must be a whole number from 0 to 300, was '" + raw + "'");
  }

  private static String cookie(Map<String, String> settings) {
    String name = value(settings, Setting.JWT_COOKIE).orElseThrow();
    if (!name.matches(COOKIE_NAME)) {
      throw new InvalidConfigurationException(Setting.JWT_COOKIE, "is not a valid cookie name");
    }
    return name;
  }

  private static String required(Map<String, String> settings, Setting setting) {
    return value(settings, setting)
        .orElseThrow(() -> new InvalidConfigurationException(setting, "is required with VOICE_TENANCY=jwt"));
  }

  /** The setting's value, else its default; blank counts as unset. */
  private static Optional<String> value(Map<String, String> settings, Setting setting) {
    return Optional.ofNullable(settings.get(setting.key())).map(String::trim).filter(v -> !v.isEmpty())
        .or(() -> Optional.ofNullable(setting.defaultValue()));
  }
}
