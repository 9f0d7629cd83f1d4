package dev.voiceplugin.impl.session;

import dev.voiceplugin.impl.VoicePluginException;

/** Neither the tenant nor the platform has an API key for the tenant's provider (503). */
public final class ProviderNotConfiguredForTenantException extends VoicePluginException {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProviderNotConfiguredForTenantException.class);

  /** @param platformKeySetting the setting of the platform's key, named in the log only (tenant admins cannot set it) */
  public ProviderNotConfiguredForTenantException(String provider, String platformKeySetting) {
    super(503, "provider_not_configured", "No API key is configured for " + provider + ".",
        "Save your own " + provider + " key in the voice settings, or ask the platform team for a platform key.");
    log.warn("A tenant without its own {} key needs the platform's key, and {} is not set.", provider, platformKeySetting);
  }
}
