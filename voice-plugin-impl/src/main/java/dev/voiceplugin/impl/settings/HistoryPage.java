package dev.voiceplugin.impl.settings;

import java.time.Instant;
import java.util.List;

/** One page of a tenant's settings history, newest first. */
public record HistoryPage(List<Entry> items, int page, int size, long total) {
  public HistoryPage {
    items = List.copyOf(items);
  }

  /** One version: what was done, by whom, when, which fields changed, and the settings it produced. */
  public record Entry(long version, String action, Instant changedAt, String changedBy, List<String> changedFields,
      Long restoredFrom, boolean apiKeyConfigured, RealtimeSettings settings) {}
}
