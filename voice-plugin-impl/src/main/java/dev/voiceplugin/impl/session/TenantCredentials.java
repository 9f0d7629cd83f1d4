package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.StoredSettings;

/** Which credential a tenant's provider calls use: its own key, else the platform's, or Entra ID. */
public final class TenantCredentials {
  private TenantCredentials() {}

  /** @throws ProviderNotConfiguredForTenantException when there is no key for the tenant's provider */
  public static ProviderCredential of(SettingsService settings, PlatformKeys platformKeys, TenantId tenant,
      StoredSettings stored) {
    RealtimeSettings s = stored.settings();
    if (!ProviderCredential.usesApiKey(s)) {
      return ProviderCredential.entraId();
    }
    // Where the key came from decides the hint when the provider refuses it (tenant's or platform's).
    return settings.apiKey(tenant, stored).map(ProviderCredential::tenantKey)
        .or(() -> platformKeys.forSettings(s).map(ProviderCredential::platformKey))
        .orElseThrow(() -> new ProviderNotConfiguredForTenantException(
            s.provider().onAzure() ? "Azure OpenAI" : "OpenAI", PlatformKeys.settingFor(s.provider())));
  }
}
