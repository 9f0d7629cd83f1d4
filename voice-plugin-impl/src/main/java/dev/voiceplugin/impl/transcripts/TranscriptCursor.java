package dev.voiceplugin.impl.transcripts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Where a page of the list ends: the last transcript's start and call id, opaque to clients (base64url). */
record TranscriptCursor(Instant startedAt, UUID callId) {
  String encode() {
    String raw = startedAt.getEpochSecond() + "." + startedAt.getNano() + "." + callId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Empty for anything that is not a cursor this server made. */
  static Optional<TranscriptCursor> decode(String value) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\.", 3);
      if (parts.length != 3) {
        return Optional.empty();
      }
      return Optional.of(new TranscriptCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
          UUID.fromString(parts[2])));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
