package dev.voiceplugin.impl.transcripts;

/** The plain-text export: a short header, then one paragraph per line, continuation lines indented. */
final class TranscriptText {
  private TranscriptText() {}

  static String of(Transcript t) {
    TranscriptSummary s = t.summary();
    StringBuilder out = new StringBuilder();
    out.append("Transcript of call ").append(s.callId()).append('\n')
        .append("User: ").append(s.userId()).append('\n')
        .append("Started: ").append(s.startedAt()).append('\n')
        .append("Ended: ").append(s.endedAt() == null ? "(not recorded)" : s.endedAt().toString()).append('\n')
        .append("Kept until: ").append(s.retentionUntil()).append('\n');
    if (s.truncated()) {
      out.append("Truncated: the call went past the stored transcript's limits; later lines were not kept.\n");
    }
    for (TranscriptLine line : t.lines()) {
      out.append('\n').append('[').append(line.at()).append("] ")
          .append(TranscriptLine.USER.equals(line.role()) ? "User" : "Assistant")
          .append(line.interrupted() ? " (interrupted)" : "").append(": ")
          .append(line.text().replace("\r\n", "\n").replace("\n", "\n    ")).append('\n');
    }
    return out.toString();
  }
}
