package dev.voiceplugin.impl.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {

  @Test
  void defaultsToOpenAiWithThreeAndTenSecondTimeouts() {
    ProviderConfig config = ProviderConfig.fromConfig(VoiceConfig.of(Map.of()));

    assertThat(config.openAiBaseUrl()).isEqualTo(URI.create("https://api.openai.com"));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void baseUrlMayEndInSlashOrV1() {
    for (String base : new String[] {"https://gw.example.com/openai/", "https://gw.example.com/openai/v1", "https://gw.example.com/openai/v1/"}) {
      assertThat(ProviderConfig.fromConfig(VoiceConfig.of(Map.of("OPENAI_BASE_URL", base))).openAiBaseUrl())
          .isEqualTo(URI.create("https://gw.example.com/openai"));
    }
  }

  @Test
  void badValuesNameTheSetting() {
    assertThatThrownBy(() -> ProviderConfig.fromConfig(VoiceConfig.of(Map.of("VOICE_PROVIDER_READ_TIMEOUT_MS", "soon"))))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("VOICE_PROVIDER_READ_TIMEOUT_MS");
    assertThatThrownBy(() -> ProviderConfig.fromConfig(VoiceConfig.of(Map.of("VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "0"))))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("VOICE_PROVIDER_CONNECT_TIMEOUT_MS");
    assertThatThrownBy(() -> ProviderConfig.fromConfig(VoiceConfig.of(Map.of("OPENAI_BASE_URL", "ftp://x"))))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("OPENAI_BASE_URL");
  }

  @Test
  void endpointsFollowTheGaPathsOfEachProvider() {
    var endpoints = new ProviderEndpoints(URI.create("https://api.openai.com"));
    var azure = TestSettings.azure("https://acme.openai.azure.com/", AzureAuth.API_KEY, "rt").build();

    assertThat(endpoints.clientSecretsUrl(TestSettings.openAi().build()))
        .hasToString("https://api.openai.com/v1/realtime/client_secrets");
    assertThat(endpoints.callsUrl(TestSettings.openAi().build())).hasToString("https://api.openai.com/v1/realtime/calls");
    assertThat(endpoints.clientSecretsUrl(azure)).hasToString("https://acme.openai.azure.com/openai/v1/realtime/client_secrets");
    assertThat(endpoints.callsUrl(azure)).hasToString("https://acme.openai.azure.com/openai/v1/realtime/calls");
  }
}
