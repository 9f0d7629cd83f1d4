package dev.voiceplugin.impl.transcripts;

import dev.voiceplugin.impl.VoicePluginException;

/** A transcript request that cannot be answered: none by that id for the caller's tenant, or a bad parameter. */
public final class TranscriptException extends VoicePluginException {
  private TranscriptException(int status, String code, String detail, String hint) {
    super(status, code, detail, hint);
  }

  /** No transcript of that call in the caller's tenant (also for another tenant's call: its existence is not revealed). */
  static TranscriptException notFound() {
    return new TranscriptException(404, "transcript_not_found", "There is no stored transcript of that call.",
        "Check the call id in the transcript list. Transcripts are kept only while the tenant stores them, and are "
            + "deleted when their retention ends.");
  }

  /** {@code ?format=} names no export format. */
  static TranscriptException unknownFormat(String format) {
    return new TranscriptException(400, "unknown_format", "There is no transcript format '" + format.replaceAll("[^A-Za-z0-9_-]", "?")
        + "'.", "Use ?format=json (the default) or ?format=text.");
  }

  /** {@code ?cursor=} is not a cursor this server made. */
  static TranscriptException badCursor() {
    return new TranscriptException(400, "invalid_cursor", "The cursor is not one this server made.",
        "Pass nextCursor from the previous page as it came, or leave it out for the newest transcripts.");
  }

  static TranscriptException badLimit() {
    return new TranscriptException(400, "invalid_paging", "limit must be 1 to 100.", "Use ?limit=20.");
  }
}
