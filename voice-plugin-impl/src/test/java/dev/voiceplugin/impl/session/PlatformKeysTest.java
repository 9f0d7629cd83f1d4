package dev.voiceplugin.impl.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.settings.AzureEndpointPolicy;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.SettingsDefaults;
import dev.voiceplugin.impl.web.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformKeysTest {
  private final PlatformKeys keys = new PlatformKeys(
      VoiceConfig.of(Map.of("OPENAI_API_KEY", "sk-openai-platform", "AZURE_OPENAI_API_KEY", "azure-platform-key")),
      new AzureEndpointPolicy(List.of("*.openai.azure.com")));

  @Test
  void thePlatformsAzureKeyGoesOnlyToAllowedHosts() throws Exception {
    assertThat(keys.forSettings(azure("https://acme.openai.azure.com"))).contains("azure-platform-key");
    assertThat(keys.forSettings(azure("https://acme.cognitiveservices.azure.com"))).as("narrowed policy").isEmpty();
    assertThat(keys.forSettings(azure("https://openai.azure.com.evil.example"))).isEmpty();
    assertThat(keys.forSettings(SettingsDefaults.builtIn())).contains("sk-openai-platform");
  }

  @Test
  void policyMatchesWholeHostLabelsOnly() {
    AzureEndpointPolicy policy = AzureEndpointPolicy.DEFAULT;
    assertThat(policy.allows("https://x.openai.azure.com/")).isTrue();
    assertThat(policy.allows("https://xopenai.azure.com")).isFalse();
    assertThat(policy.allows("https://openai.azure.com")).isFalse();
    assertThat(policy.allows("https://x.openai.azure.com.attacker.net")).isFalse();
  }

  private static RealtimeSettings azure(String endpoint) throws Exception {
    ObjectNode json = Json.mapper().valueToTree(SettingsDefaults.builtIn());
    json.put("provider", "azure").putObject("azure").put("endpoint", endpoint).put("auth", "api-key");
    return Json.mapper().treeToValue(json, RealtimeSettings.class);
  }
}
