package dev.voiceplugin.impl.session;

import dev.voiceplugin.impl.VoicePluginException;
import java.util.Map;

/** This instance already has as many provider calls under way as it allows (503 with Retry-After). */
public final class ProviderBusyException extends VoicePluginException {
  public ProviderBusyException() {
    super(503, "provider_busy", "Too many voice sessions are being started at this moment.",
        "Try again in a moment.", Map.of("retryAfterSeconds", 1L), null);
  }

  @Override
  public boolean loggedWhereRaised() {
    return true;
  }
}
