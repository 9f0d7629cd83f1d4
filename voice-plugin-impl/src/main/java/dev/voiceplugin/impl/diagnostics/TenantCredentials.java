package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.session.PlatformKeys;
import dev.voiceplugin.impl.provider.ProviderCredential;
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
  private final SettingsService settings;
  private final PlatformKeys platformKeys;

  TenantCredentials(SettingsService settings, PlatformKeys platformKeys) {
    this.settings = settings;
    this.platformKeys = platformKeys;
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
    return platformKeys.forSettings(stored.settings()).map(KeyChoice::platformKey).orElseGet(KeyChoice::none);
  }

  @Override
  public String toString() {
    return "TenantCredentials[" + platformKeys + "]";
  }
}
