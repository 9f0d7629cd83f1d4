package dev.voiceplugin.impl.settings;

import dev.voiceplugin.impl.VoicePluginException;

/** A write without {@code If-Match} (428): without it, a save could silently undo someone else's. */
public final class PreconditionRequiredException extends VoicePluginException {
  public PreconditionRequiredException() {
    super(428, "precondition_required", "This request must carry an If-Match header with the settings' ETag.",
        "GET /api/v1/realtime-settings first and send its ETag back in If-Match.");
  }
}
