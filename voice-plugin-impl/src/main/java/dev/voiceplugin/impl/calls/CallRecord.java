package dev.voiceplugin.impl.calls;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One server-controlled call as stored: who, since when, until when at most, and how it ended. */
public record CallRecord(UUID id, String tenantId, String userId, String provider, String model, String providerCallId,
    long settingsVersion, Instant startedAt, Instant endsAt, Optional<Instant> endedAt, Optional<String> endReason) {

  public boolean active() {
    return endedAt.isEmpty();
  }
}
