package dev.voiceplugin.impl.provider;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Makes text from a provider's error body safe to put in a problem detail or a log line. Provider
 * messages can quote the key ("Incorrect API key provided: sk-...") and end up in a browser.
 */
final class UpstreamText {
  static final int MAX_MESSAGE_CHARS = 300;
  private static final String REDACTED = "[redacted]";
  private static final Pattern KEY_LIKE = Pattern.compile(
      "(?i)\\b(?:sk|ek|rk)[-_][A-Za-z0-9_*.-]{4,}"
          + "|eyJ[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*){1,2}" // a JWT, such as an Entra ID access token
          + "|Bearer\\s+\\S+"
          // Azure keys (32 hex or 84 base62 characters) and JWTs have no prefix: redact long runs with a
          // digit. Dots end a run, so parameter paths such as session.audio.input.turn_detection survive.
          + "|(?<![A-Za-z0-9+/=_-])(?=[A-Za-z+/=_-]*[0-9])[A-Za-z0-9+/=_-]{32,}");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]+");
  private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,100}");

  private UpstreamText() {}

  /**
   * Strips control and bidi characters, redacts anything that looks like a key or token and every
   * {@code knownSecret}, and caps the length.
   */
  static String sanitize(String raw, Collection<String> knownSecrets) {
    String text = CONTROL.matcher(raw).replaceAll(" ").strip();
    for (String secret : knownSecrets) {
      if (secret != null && secret.length() >= 4) {
        text = text.replace(secret, REDACTED);
      }
    }
    text = KEY_LIKE.matcher(text).replaceAll(REDACTED);
    if (text.length() > MAX_MESSAGE_CHARS) {
      text = text.substring(0, MAX_MESSAGE_CHARS - 1).strip() + "…";
    }
    return text;
  }

  /**
   * {@code raw} when it looks like a parameter path or error code ({@code session.audio.output.voice},
   * {@code unknown_parameter}) and holds nothing to redact, else empty.
   */
  static String identifier(String raw, Collection<String> knownSecrets) {
    return PARAM.matcher(raw).matches() && sanitize(raw, knownSecrets).equals(raw) ? raw : "";
  }
}
