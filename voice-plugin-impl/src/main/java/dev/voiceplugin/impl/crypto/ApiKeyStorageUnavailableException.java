package dev.voiceplugin.impl.crypto;

import dev.voiceplugin.impl.VoicePluginException;

/** A tenant tried to store an API key but no master key is configured; nothing was saved. */
public final class ApiKeyStorageUnavailableException extends VoicePluginException {
  public ApiKeyStorageUnavailableException() {
    super(503, "api_key_storage_unavailable", "This server cannot store API keys: no master key is configured.",
        "Save the settings without an API key to use the platform's key, or ask the platform team to enable key storage.");
    org.slf4j.LoggerFactory.getLogger(ApiKeyStorageUnavailableException.class).warn("A tenant tried to save an API key, "
        + "but VOICE_MASTER_KEY is not set (base64 of 32 random bytes, e.g. openssl rand -base64 32).");
  }
}
