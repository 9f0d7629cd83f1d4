package dev.voiceplugin.impl.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much assistant audio the relay has forwarded to the browser, per output item, so that a
 * barge-in's {@code conversation.item.truncate} never names more milliseconds than the item has
 * (the provider refuses that: "Audio content of 12950ms is already shorter than 13957ms"). Only
 * the most recent items are kept: a truncate names the one that was playing.
 */
final class AudioLedger {
  /** PCM16 mono at 24 kHz: 48 bytes per millisecond. */
  private static final int BYTES_PER_MS = 48;
  private static final int ITEMS_KEPT = 16;
  private final Map<String, Long> bytesByItem = new LinkedHashMap<>(32, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > ITEMS_KEPT;
    }
  };

  /** One {@code response.output_audio.delta} forwarded: {@code base64Chars} of audio for {@code itemId}. */
  synchronized void forwarded(String itemId, int base64Chars, int padding) {
    long bytes = (long) base64Chars / 4 * 3 - padding;
    bytesByItem.merge(itemId, Math.max(0, bytes), Long::sum);
  }

  /** The most of {@code itemId} a truncate may name: all of it that was forwarded (0 for an unknown item). */
  synchronized long forwardedMs(String itemId) {
    return bytesByItem.getOrDefault(itemId, 0L) / BYTES_PER_MS;
  }
}
