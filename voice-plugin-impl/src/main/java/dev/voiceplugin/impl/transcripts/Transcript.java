package dev.voiceplugin.impl.transcripts;

import java.util.List;
import java.util.Objects;

/** One stored transcript with its lines in order. */
public record Transcript(TranscriptSummary summary, List<TranscriptLine> lines) {
  public Transcript {
    Objects.requireNonNull(summary, "summary");
    lines = List.copyOf(lines);
  }
}
