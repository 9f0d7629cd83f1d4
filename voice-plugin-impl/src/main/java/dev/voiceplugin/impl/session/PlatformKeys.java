package dev.voiceplugin.impl.session;

import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.settings.Provider;
import java.util.Optional;

/** The platform's own provider keys ({@code OPENAI_API_KEY}, {@code AZURE_OPENAI_API_KEY}), used for tenants without a key. */
public final class PlatformKeys {
  private final Optional<String> openAi;
  private final Optional<String> azure;

  public PlatformKeys(VoiceConfig config) {
    this.openAi = config.get("OPENAI_API_KEY");
    this.azure = config.get("AZURE_OPENAI_API_KEY");
  }

  Optional<String> forProvider(Provider provider) {
    return provider == Provider.AZURE ? azure : openAi;
  }

  static String settingFor(Provider provider) {
    return provider == Provider.AZURE ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY";
  }

  @Override
  public String toString() {
    return "PlatformKeys[openAi=" + (openAi.isPresent() ? "set" : "unset") + ", azure=" + (azure.isPresent() ? "set" : "unset") + "]";
  }
}
