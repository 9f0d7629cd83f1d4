package dev.voiceplugin.impl.crypto;

import dev.voiceplugin.impl.VoicePluginException;

/** A stored API key cannot be decrypted with the configured master keys (wrong or rotated-away key). */
public final class ApiKeyUnreadableException extends VoicePluginException {
  public ApiKeyUnreadableException(String keyId, String reason) {
    super(503, "api_key_unreadable", "The tenant's stored API key cannot be decrypted (master key id '" + keyId + "'): " + reason + ".",
        "Configure the master key that encrypted it (VOICE_MASTER_KEY or VOICE_MASTER_KEYS_PREVIOUS with id '" + keyId
            + "'), or have the tenant enter the API key again.");
  }
}
