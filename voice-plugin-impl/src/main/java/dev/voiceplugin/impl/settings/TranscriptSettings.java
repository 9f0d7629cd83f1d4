package dev.voiceplugin.impl.settings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Whether the text of the tenant's calls (both sides, never audio) is kept in the plugin's database,
 * and for how long. The retention is fixed when a call starts: changing it later does not move the
 * purge date of transcripts already stored.
 *
 * @param store keep transcripts of server-controlled and relayed calls (off by default)
 * @param retentionDays days a transcript is kept after its call started, 1..3650 (default 30)
 */
public record TranscriptSettings(@NotNull Boolean store, @NotNull @Min(1) @Max(3650) Integer retentionDays) {
  public static final int DEFAULT_RETENTION_DAYS = 30;
  public static final TranscriptSettings DEFAULTS = new TranscriptSettings(false, DEFAULT_RETENTION_DAYS);

  public TranscriptSettings {
    // A partial object ({"store": true}) gets the missing field's default rather than an error.
    store = store == null ? Boolean.FALSE : store;
    retentionDays = retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays;
  }
}
