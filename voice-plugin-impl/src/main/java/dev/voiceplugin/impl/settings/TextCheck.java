package dev.voiceplugin.impl.settings;

import java.util.Optional;

/**
 * Characters that valid JSON can carry but no setting may hold. U+0000 cannot be stored in
 * PostgreSQL text or jsonb (it answered with an error, hence a 500), and a lone UTF-16 surrogate
 * (JSON's {@code "\ud800"}) has no UTF-8 form, so the driver silently stored it as {@code ?}.
 * Single-line fields (ICE URLs, user names, credentials) also refuse other control characters.
 */
final class TextCheck {
  private TextCheck() {}

  /** Why {@code value} cannot be saved, or empty when it can (null values are for other rules). */
  static Optional<String> problem(String value, boolean singleLine) {
    if (value == null) {
      return Optional.empty();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return Optional.of("must not contain the character U+0000 (at position " + i + ")");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("must be valid Unicode text: a lone surrogate U+" + String.format("%04X", (int) c)
            + " is at position " + i);
      } else if (singleLine && (c < 0x20 || c == 0x7f)) {
        return Optional.of("must not contain control characters such as line breaks (U+" + String.format("%04X", (int) c)
            + " at position " + i + ")");
      }
    }
    return Optional.empty();
  }
}
