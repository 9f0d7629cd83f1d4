package dev.voiceplugin.impl.web;

/** UTF-8 lengths without encoding: the relay's size limits are in bytes, as on the wire. */
public final class Utf8 {
  private Utf8() {}

  public static long length(CharSequence text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4
    }
    return bytes;
  }

  /**
   * Whether {@code soFar} followed by {@code next} is longer than {@code limit} bytes of UTF-8. A
   * UTF-16 char is at most 3 UTF-8 bytes, so nearly every real message is under the limit by that
   * bound alone and the per-char count (5 % of the relay's CPU when done for every event) is skipped.
   */
  public static boolean exceeds(CharSequence soFar, CharSequence next, long limit) {
    if (3L * (soFar.length() + (long) next.length()) <= limit) {
      return false;
    }
    return length(soFar) + length(next) > limit;
  }
}
