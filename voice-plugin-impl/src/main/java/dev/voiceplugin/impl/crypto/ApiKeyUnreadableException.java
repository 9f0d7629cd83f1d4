package dev.voiceplugin.impl.crypto;

import dev.voiceplugin.impl.VoicePluginException;

/** A stored API key cannot be decrypted with the configured master keys (wrong or rotated-away key). */
public final class ApiKeyUnreadableException extends VoicePluginException {
  public ApiKeyUnreadableException(String keyId, String reason) {
    super(503, "api_key_unreadable", "The tenant's stored API key cannot be decrypted (master key id '" + keyId + "'): " + reason + ".",
        "Enter the API key again in the voice settings and save, or ask the platform team to restore the master key "
            + "it was encrypted with.");
    org.slf4j.LoggerFactory.getLogger(ApiKeyUnreadableException.class).warn("A stored tenant API key was encrypted with "
        + "master key id '{}' ({}); set VOICE_MASTER_KEY or VOICE_MASTER_KEYS_PREVIOUS with that id.", keyId, reason);
  }
}
