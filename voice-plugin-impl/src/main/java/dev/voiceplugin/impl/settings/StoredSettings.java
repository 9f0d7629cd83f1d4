package dev.voiceplugin.impl.settings;

import dev.voiceplugin.impl.crypto.ApiKeyCipher;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's settings as stored (or the platform defaults, at version 0), immutable so it can be
 * cached and shared between threads. The API key stays sealed until a mint needs it.
 */
public record StoredSettings(
    long version, RealtimeSettings settings, Optional<ApiKeyCipher.Sealed> sealedApiKey, Optional<String> apiKeyLast4,
    Optional<Instant> updatedAt, Optional<String> updatedBy) {

  public static StoredSettings defaults(RealtimeSettings settings) {
    return new StoredSettings(0, settings, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean apiKeyConfigured() {
    return sealedApiKey.isPresent();
  }
}
