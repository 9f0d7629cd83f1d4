package dev.voiceplugin.impl.transcripts;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored transcript as the list shows it.
 *
 * @param transport {@code webrtc} (a server-controlled call) or {@code relay}
 * @param endedAt null while the call runs (or when its instance stopped before it could say)
 * @param retentionUntil when the purge deletes it (fixed when the call started)
 * @param truncated the call went past the per-call caps; later lines were not stored
 */
public record TranscriptSummary(UUID callId, String userId, String transport, Instant startedAt, Instant endedAt,
    Instant retentionUntil, boolean truncated, int lineCount) {}
