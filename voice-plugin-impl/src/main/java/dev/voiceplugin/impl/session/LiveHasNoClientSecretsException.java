package dev.voiceplugin.impl.session;

import dev.voiceplugin.impl.VoicePluginException;

/** A client secret was asked for a tenant whose provider is GPT-Live, which has none (409). */
public final class LiveHasNoClientSecretsException extends VoicePluginException {
  public LiveHasNoClientSecretsException() {
    super(409, "live_has_no_client_secrets", "Your organisation's voice assistant uses GPT-Live, which gives browsers no "
        + "session keys: the platform creates every GPT-Live session.", "Start the call through the platform "
        + "(POST /api/v1/realtime-calls with the SDP offer); the widget does this by itself.");
  }
}
