package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.impl.VoicePluginException;
import java.util.Map;

/** The tenant ran the connection test too often in a short time (429 with Retry-After). */
public final class DiagnosticsRateLimitedException extends VoicePluginException {
  DiagnosticsRateLimitedException(long retryAfterSeconds) {
    super(429, "diagnostics_rate_limited", "The connection test was run too often for this tenant in the last minute.",
        "Wait " + retryAfterSeconds + " s and test again.", Map.of("retryAfterSeconds", retryAfterSeconds), null);
  }
}
