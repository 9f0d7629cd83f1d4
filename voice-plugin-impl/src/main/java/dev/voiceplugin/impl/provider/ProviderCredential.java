package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.util.Objects;

/**
 * How the server authenticates a mint: an API key (the tenant's own, or the platform's for tenants
 * without one) or the plugin's own Microsoft Entra ID app (Azure with {@code auth=entra-id}). It
 * knows where it came from, so a refusal can tell the tenant admin what they can do about it.
 */
public sealed interface ProviderCredential {

  /** Where a credential came from: whose it is decides who can fix it. */
  enum Source {
    /** The key the tenant saved on the settings screen: the tenant admin can change it. */
    TENANT_KEY,
    /** The platform's key ({@code OPENAI_API_KEY} / {@code AZURE_OPENAI_API_KEY}): only the platform team can. */
    PLATFORM_KEY,
    /** The plugin's Entra ID app registration ({@code AZURE_CLIENT_ID}): only the platform team can. */
    ENTRA_ID
  }

  /** Where this credential came from. */
  Source source();

  /** The tenant's own API key. */
  static ProviderCredential tenantKey(String key) {
    return new ApiKey(key, Source.TENANT_KEY);
  }

  /** The platform's API key, used because the tenant saved none. */
  static ProviderCredential platformKey(String key) {
    return new ApiKey(key, Source.PLATFORM_KEY);
  }

  /** The tenant's own API key; kept for callers that predate {@link Source} ({@link #tenantKey}). */
  static ProviderCredential apiKey(String key) {
    return tenantKey(key);
  }

  static ProviderCredential entraId() {
    return new EntraId();
  }

  /** Whether these settings authenticate with the tenant's stored API key. */
  static boolean usesApiKey(RealtimeSettings settings) {
    return !settings.provider().onAzure() || settings.azure().auth() == AzureAuth.API_KEY;
  }

  /** A provider API key and whose it is. {@link #toString()} never shows the key. */
  record ApiKey(String value, Source source) implements ProviderCredential {
    public ApiKey {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(source, "source");
      // Keys go into a header; whitespace or control characters mean a bad paste, not a key.
      if (value.isEmpty() || value.length() > 512 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("an API key is 1-512 visible ASCII characters");
      }
      if (source == Source.ENTRA_ID) {
        throw new IllegalArgumentException("an API key is the tenant's or the platform's");
      }
    }

    @Override
    public String toString() {
      return "ApiKey[<redacted>, " + source + "]";
    }
  }

  /** Use the token from the plugin's {@link EntraTokenSource}. */
  record EntraId() implements ProviderCredential {
    @Override
    public Source source() {
      return Source.ENTRA_ID;
    }
  }
}
