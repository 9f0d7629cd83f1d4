package dev.voiceplugin.impl.transcripts;

import java.time.Instant;
import java.util.UUID;

/** What the writer does to the database, in the order the calls' events came. */
sealed interface TranscriptOp {
  UUID callId();

  /** A call whose transcript is kept: its row, with the retention fixed now. */
  record Start(UUID callId, String tenantId, String userId, String transport, Instant startedAt, Instant retentionUntil)
      implements TranscriptOp {}

  /** One line; {@code itemId} (the provider's item) makes a replayed event a no-op. */
  record Line(UUID callId, String itemId, TranscriptLine line) implements TranscriptOp {}

  /** An answer stored earlier was cut off. */
  record Interrupted(UUID callId, int seq) implements TranscriptOp {}

  /** The call went past its caps: later lines are not stored. */
  record Truncated(UUID callId) implements TranscriptOp {}

  record Ended(UUID callId, Instant at) implements TranscriptOp {}
}
