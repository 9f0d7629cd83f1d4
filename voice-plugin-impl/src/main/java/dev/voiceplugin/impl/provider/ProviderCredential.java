package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.util.Objects;

/**
 * How the server authenticates a mint: the tenant's API key (OpenAI, or Azure with
 * {@code auth=api-key}) or the plugin's own Microsoft Entra ID app (Azure with {@code auth=entra-id}).
 */
public sealed interface ProviderCredential {

  static ProviderCredential apiKey(String key) {
    return new ApiKey(key);
  }

  static ProviderCredential entraId() {
    return new EntraId();
  }

  /** Whether these settings authenticate with the tenant's stored API key. */
  static boolean usesApiKey(RealtimeSettings settings) {
    return settings.provider() == Provider.OPENAI || settings.azure().auth() == AzureAuth.API_KEY;
  }

  /** A provider API key. {@link #toString()} never shows it. */
  record ApiKey(String value) implements ProviderCredential {
    public ApiKey {
      Objects.requireNonNull(value, "value");
      // Keys go into a header; whitespace or control characters mean a bad paste, not a key.
      if (value.isEmpty() || value.length() > 512 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("an API key is 1-512 visible ASCII characters");
      }
    }

    @Override
    public String toString() {
      return "ApiKey[<redacted>]";
    }
  }

  /** Use the token from the plugin's {@link EntraTokenSource}. */
  record EntraId() implements ProviderCredential {}
}
