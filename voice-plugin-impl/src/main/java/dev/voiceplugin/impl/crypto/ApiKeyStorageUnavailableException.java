package dev.voiceplugin.impl.crypto;

import dev.voiceplugin.impl.VoicePluginException;

/** A tenant tried to store an API key but no master key is configured; nothing was saved. */
public final class ApiKeyStorageUnavailableException extends VoicePluginException {
  public ApiKeyStorageUnavailableException() {
    super(503, "api_key_storage_unavailable", "This server cannot store API keys: no master key is configured.",
        "Ask the platform team to set VOICE_MASTER_KEY (base64 of 32 random bytes, e.g. openssl rand -base64 32), "
            + "or save the settings without an API key to use the platform's key.");
  }
}
