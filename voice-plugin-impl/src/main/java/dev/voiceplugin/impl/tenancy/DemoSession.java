package dev.voiceplugin.impl.tenancy;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo sign-in's identity, carried in an HMAC-signed cookie. The key is random per process:
 * a restart signs everybody out, which is fine for a demo and keeps forged cookies out.
 */
public record DemoSession(String tenant, String user, boolean admin) {
  public static final String COOKIE = "voice_demo";
  private static final byte[] KEY = randomKey();

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  public DemoSession {
    if (tenant.contains("|") || user.contains("|")) {
      throw new IllegalArgumentException("tenant and user must not contain |");
    }
  }

  public String toCookieValue() {
    String payload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString((tenant + "|" + user + "|" + admin).getBytes(StandardCharsets.UTF_8));
    return payload + "." + sign(payload);
  }

  static Optional<DemoSession> fromRequest(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie c : cookies) {
      if (COOKIE.equals(c.getName())) {
        return parse(c.getValue());
      }
    }
    return Optional.empty();
  }

  static Optional<DemoSession> parse(String value) {
    DemoSession known = value == null ? null : VERIFIED.get(value);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<DemoSession> checked = verify(value);
    checked.ifPresent(session -> remember(value, session));
    return checked;
  }

  /**
   * Cookies already verified, so a signed-in user's next request costs a map lookup instead of an
   * HMAC, a Base64 decode and a split (a sixth of the plugin's own CPU per mint). Safe because a
   * value maps to one session for the life of the process key, and only values that verified are
   * kept; bounded, and forgetting costs one HMAC.
   */
  private static final int MAX_VERIFIED = 10_000;
  private static final java.util.concurrent.ConcurrentHashMap<String, DemoSession> VERIFIED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static void remember(String value, DemoSession session) {
    if (VERIFIED.size() >= MAX_VERIFIED) {
      VERIFIED.clear();
    }
    VERIFIED.put(value, session);
  }

  static int verifiedCount() {
    return VERIFIED.size();
  }

  private static Optional<DemoSession> verify(String value) {
    int dot = value == null ? -1 : value.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String payload = value.substring(0, dot);
    if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
        value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
      return parts.length == 3 ? Optional.of(new DemoSession(parts[0], parts[1], Boolean.parseBoolean(parts[2]))) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  // A Mac per thread, keyed once: looking up the provider and initialising it per request was a
  // measurable share of a mint. doFinal resets it for the next use.
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  });

  private static String sign(String payload) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(MACS.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
  }
}
