package dev.voiceplugin.impl.transcripts;

import java.time.Instant;
import java.util.Objects;

/**
 * One whole line of a transcript, as stored and served.
 *
 * @param seq its place in the call, from 1
 * @param role {@code user} or {@code assistant}
 * @param text what was said (the provider's transcript) or written
 * @param interrupted an answer the user cut off (its item was truncated, or its response cancelled)
 * @param at when the plugin received it
 */
public record TranscriptLine(int seq, String role, String text, boolean interrupted, Instant at) {
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  public TranscriptLine {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
    if (!USER.equals(role) && !ASSISTANT.equals(role)) {
      throw new IllegalArgumentException("role must be user or assistant, was " + role);
    }
  }
}
