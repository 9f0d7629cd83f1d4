package dev.voiceplugin.impl.session;

import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.settings.AzureEndpointPolicy;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.util.Optional;

/** The platform's own provider keys ({@code OPENAI_API_KEY}, {@code AZURE_OPENAI_API_KEY}), used for tenants without a key. */
public final class PlatformKeys {
  private final Optional<String> openAi;
  private final Optional<String> azure;
  private final AzureEndpointPolicy azureEndpoints;

  public PlatformKeys(VoiceConfig config, AzureEndpointPolicy azureEndpoints) {
    this.openAi = config.get("OPENAI_API_KEY");
    this.azure = config.get("AZURE_OPENAI_API_KEY");
    this.azureEndpoints = azureEndpoints;
  }

  /**
   * The platform's key for the tenant's provider. The Azure key goes only to an allowed host, even
   * if the policy was narrowed after a tenant saved its endpoint.
   */
  public Optional<String> forSettings(RealtimeSettings settings) {
    if (settings.provider().onAzure()) {
      return settings.azure() != null && azureEndpoints.allows(settings.azure().endpoint()) ? azure : Optional.empty();
    }
    return openAi;
  }

  /** The setting that holds the platform's key for {@code provider}, to name it in hints. */
  public static String settingFor(Provider provider) {
    return provider.onAzure() ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY";
  }

  @Override
  public String toString() {
    return "PlatformKeys[openAi=" + (openAi.isPresent() ? "set" : "unset") + ", azure=" + (azure.isPresent() ? "set" : "unset") + "]";
  }
}
