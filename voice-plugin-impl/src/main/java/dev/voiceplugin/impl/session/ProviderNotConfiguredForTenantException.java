package dev.voiceplugin.impl.session;

import dev.voiceplugin.impl.VoicePluginException;

/** Neither the tenant nor the platform has an API key for the tenant's provider (503). */
public final class ProviderNotConfiguredForTenantException extends VoicePluginException {
  public ProviderNotConfiguredForTenantException(String provider, String platformKeySetting) {
    super(503, "provider_not_configured", "No API key is configured for " + provider + ".",
        "An administrator can save the tenant's own key on the settings screen, or the platform team can set "
            + platformKeySetting + ".");
  }
}
