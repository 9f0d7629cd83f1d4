package dev.voiceplugin.ui.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PCM16 little-endian mono, as the relay carries it: tones to send, and what the widget sent, measured. */
public final class Pcm {
  /** The provider's rate for audio/pcm. */
  public static final int RATE = 24_000;
  /** Bytes per millisecond at 24 kHz PCM16 mono. */
  public static final int BYTES_PER_MS = RATE * 2 / 1000;

  private Pcm() {}

  /** A sine of {@code hz} at {@code rate}, {@code ms} long, at {@code amplitude} (0..1) of full scale. */
  public static byte[] tone(int hz, int ms, double amplitude, int rate) {
    int samples = rate * ms / 1000;
    ByteBuffer out = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < samples; i++) {
      out.putShort((short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate)));
    }
    return out.array();
  }

  /**
   * {@code response.output_audio.delta} events for {@code pcm}, split in deltas of {@code chunkMs}
   * as the provider sends them.
   */
  public static List<String> deltas(String itemId, byte[] pcm, int chunkMs) {
    List<String> events = new ArrayList<>();
    int chunk = chunkMs * BYTES_PER_MS;
    for (int offset = 0; offset < pcm.length; offset += chunk) {
      byte[] part = java.util.Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunk));
      events.add(String.format("{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_d%d\",\"response_id\":\"resp_1\","
          + "\"item_id\":\"%s\",\"output_index\":0,\"content_index\":0,\"delta\":\"%s\"}",
          offset, itemId, Base64.getEncoder().encodeToString(part)));
    }
    return events;
  }

  /** The samples of base64 PCM16 little-endian; fails on an odd byte count (not PCM16). */
  public static short[] decode(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    if (bytes.length % 2 != 0) {
      throw new AssertionError("odd byte count " + bytes.length + ": not PCM16");
    }
    short[] samples = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }

  /**
   * The frequency of a steady tone in {@code samples} if they are at {@code rate}: half the sign
   * changes per second, with a dead band of {@code threshold} so that noise near zero does not count.
   */
  public static double frequency(short[] samples, int rate, int threshold) {
    int crossings = 0;
    int last = 0;
    for (short sample : samples) {
      int sign = sample > threshold ? 1 : sample < -threshold ? -1 : 0;
      if (sign != 0 && last != 0 && sign != last) {
        crossings++;
      }
      if (sign != 0) {
        last = sign;
      }
    }
    return crossings / 2.0 / (samples.length / (double) rate);
  }

  /** The largest absolute sample. */
  public static int peak(short[] samples) {
    int peak = 0;
    for (short s : samples) {
      peak = Math.max(peak, Math.abs(s));
    }
    return peak;
  }

  /** Writes {@code pcm} at {@code rate} as a mono 16-bit WAV file, for Chromium's fake microphone. */
  public static Path wav(Path file, byte[] pcm, int rate) {
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt(36 + pcm.length).put("WAVE".getBytes());
    header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
        .putShort((short) 2).putShort((short) 16);
    header.put("data".getBytes()).putInt(pcm.length);
    try {
      Files.write(file, header.array());
      Files.write(file, pcm, java.nio.file.StandardOpenOption.APPEND);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
