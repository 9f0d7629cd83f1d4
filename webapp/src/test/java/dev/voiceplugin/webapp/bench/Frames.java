package dev.voiceplugin.webapp.bench;

import java.util.Base64;

/**
 * The relay benchmark's audio frames on the wire. Each carries its send time ({@link #now},
 * valid because the browsers and the provider share one JVM) in {@code event_id}, which the relay
 * forwards unchanged both ways. The stamp and audio are read back by position rather than by a JSON
 * parser, to keep the load generator's own CPU small on a machine it shares with the server.
 */
final class Frames {
  static final String APPEND_PREFIX = "{\"type\":\"input_audio_buffer.append\",\"event_id\":\"evt_";
  static final String DELTA_PREFIX = "{\"type\":\"response.output_audio.delta\",\"event_id\":\"evt_";
  /** PCM16 mono at 24 kHz. */
  static final int BYTES_PER_MS = 48;

  /** Stamps count from here, so they are positive and short whatever the JVM's nanoTime origin. */
  private static final long ORIGIN = System.nanoTime() - 1;

  private Frames() {}

  /** Now, as frames are stamped. */
  static long now() {
    return System.nanoTime() - ORIGIN;
  }

  /** A tone, base64: the same bytes in every frame (the relay neither decodes nor looks at them). */
  static String pcmBase64(int ms) {
    byte[] pcm = new byte[ms * BYTES_PER_MS];
    for (int i = 0; i < pcm.length; i += 2) {
      short sample = (short) (6000 * Math.sin(2 * Math.PI * 220 * (i / 2) / 24000.0));
      pcm[i] = (byte) sample;
      pcm[i + 1] = (byte) (sample >> 8);
    }
    return Base64.getEncoder().encodeToString(pcm);
  }

  static String append(long sentAtNanos, String audio) {
    return APPEND_PREFIX + sentAtNanos + "\",\"audio\":\"" + audio + "\"}";
  }

  /** The provider's audio, with the fields the GA API puts in a delta. */
  static String delta(long sentAtNanos, String itemId, String audio) {
    return DELTA_PREFIX + sentAtNanos + "\",\"response_id\":\"resp_" + itemId + "\",\"item_id\":\"" + itemId
        + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + audio + "\"}";
  }

  /** The send time stamped after {@code prefix}, or 0 when {@code message} is another event. */
  static long stamp(String message, String prefix) {
    int n = prefix.length();
    if (message.length() <= n || !message.startsWith(prefix)) {
      return 0;
    }
    long value = 0;
    for (int i = n; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c < '0' || c > '9') {
        return value;
      }
      value = value * 10 + (c - '0');
    }
    return 0;
  }

  /** The base64 audio of an append (its last field). */
  static String audio(String append) {
    int from = append.indexOf("\"audio\":\"") + 9;
    return append.substring(from, append.length() - 2);
  }
}
