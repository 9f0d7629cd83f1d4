package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.StoredSettings;
import java.util.Optional;

/**
 * Chooses a tenant's credential the way {@link dev.voiceplugin.impl.session.MintService} does:
 * Entra ID when the Azure settings say so, else the tenant's own key, else the platform's
 * ({@code OPENAI_API_KEY} / {@code AZURE_OPENAI_API_KEY}). A test that chose differently from
 * the mint would pass while sessions fail.
 */
final class TenantCredentials {
  static final String OPENAI_PLATFORM_KEY = "OPENAI_API_KEY";
  static final String AZURE_PLATFORM_KEY = "AZURE_OPENAI_API_KEY";

  private final SettingsService settings;
  private final Optional<String> openAiPlatformKey;
  private final Optional<String> azurePlatformKey;

  TenantCredentials(SettingsService settings, VoiceConfig config) {
    this.settings = settings;
    this.openAiPlatformKey = config.get(OPENAI_PLATFORM_KEY);
    this.azurePlatformKey = config.get(AZURE_PLATFORM_KEY);
  }

  /**
   * @throws dev.voiceplugin.impl.VoicePluginException when the tenant's key cannot be decrypted
   * @throws IllegalArgumentException when the chosen key has characters no key has
   */
  KeyChoice choose(TenantId tenant, StoredSettings stored) {
    if (!ProviderCredential.usesApiKey(stored.settings())) {
      return KeyChoice.entraId();
    }
    Optional<String> own = settings.apiKey(tenant, stored);
    if (own.isPresent()) {
      return KeyChoice.tenantKey(own.get());
    }
    return (stored.settings().provider() == Provider.AZURE ? azurePlatformKey : openAiPlatformKey)
        .map(KeyChoice::platformKey).orElseGet(KeyChoice::none);
  }

  @Override
  public String toString() {
    return "TenantCredentials[openAiPlatformKey=" + (openAiPlatformKey.isPresent() ? "set" : "unset")
        + ", azurePlatformKey=" + (azurePlatformKey.isPresent() ? "set" : "unset") + "]";
  }
}
