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
}
