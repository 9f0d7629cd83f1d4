package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import dev.voiceplugin.ui.settings.SettingsApi;
import dev.voiceplugin.ui.settings.SettingsPage;
import dev.voiceplugin.ui.settings.SharedSettingsStack;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Saving: the server's validation messages at their fields, conflicts, and the saved event. */
class VoiceSettingsSaveTest {
  @RegisterExtension
  static final SharedSettingsStack stack = new SharedSettingsStack();

  @Test
  void showsTheServersMessageNextToTheFieldItRejectedAndSavesOnceFixed() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.field("When is the user done speaking?").selectOption("server_vad");
      Locator threshold = ui.field("Activation threshold");
      ui.forceValue(threshold, "1.5");
      ui.save();

      String message = serverMessage(api, "settings.turnDetection.threshold", s -> ((ObjectNode) s.get("turnDetection"))
          .put("type", "server_vad").put("threshold", 1.5).put("prefixPaddingMs", 300).put("silenceDurationMs", 500));
      assertThat(ui.status()).containsText("not accepted");
      assertThat(threshold).hasAttribute("aria-invalid", "true");
      assertThat(threshold).hasAccessibleDescription(inSentence(message));
      assertThat(threshold).isFocused();
      assertThat((String) threshold.evaluate("el => el.closest('.vs-field').textContent"))
          .as("the message sits next to the field").contains(message.substring(1));
      assertThat(api.document().get("version").asLong()).as("nothing saved").isZero();

      threshold.fill("0.8");
      ui.saveAndExpectVersion(1);
      assertThat(threshold).not().hasAttribute("aria-invalid", "true");
      assertThat(threshold).not().hasAccessibleDescription(inSentence(message));
      assertThat(api.document().at("/settings/turnDetection/threshold").asDouble()).isEqualTo(0.8);

      ui.reload();
      assertThat(ui.field("Activation threshold")).hasValue("0.8");
      assertThat(ui.meta()).containsText("Version 1");
      assertReadable(message);
    }
  }

  @Test
  void refusesAPlainHttpAzureEndpointAtTheEndpointField() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.field("Provider").selectOption("azure");
      Locator endpoint = ui.field("Resource endpoint");

      endpoint.fill("http://contoso.openai.azure.com");
      ui.save();
      assertThat(ui.status()).hasText("Some settings need attention: see the messages next to them.");
      assertThat(endpoint).hasAttribute("aria-invalid", "true");

      ui.forceValue(endpoint, "http://contoso.openai.azure.com");
      ui.save();
      String message = serverMessage(api, "settings.azure.endpoint", s -> s.put("provider", "azure").putObject("azure")
          .put("endpoint", "http://contoso.openai.azure.com").put("auth", "api-key"));
      assertThat(ui.status()).containsText("not accepted");
      assertThat(endpoint).hasAccessibleDescription(inSentence(message));
      assertThat(endpoint).hasAttribute("aria-invalid", "true");

      endpoint.fill("https://contoso.openai.azure.com");
      ui.saveAndExpectVersion(1);
      assertThat(api.document().at("/settings/azure/endpoint").asText()).isEqualTo("https://contoso.openai.azure.com");
      assertReadable(message);
    }
  }

  @Test
  void saysPlainlyWhenSomeoneElseSavedFirstAndReloadShowsTheirVersion() {
    String tenant = stack.newTenant();
    SettingsApi bob = new SettingsApi(stack.api(tenant, "bob"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      bob.save(bob.settings().put("voice", "ash"));

      ui.field("Speaking speed").fill("1.4");
      ui.save();
      assertThat(ui.status()).containsText("someone else changed these settings");
      Locator reload = ui.button("Reload");
      assertThat(reload).isVisible();
      assertThat(reload).isFocused();
      JsonNode kept = bob.document();
      assertThat(kept.get("version").asLong()).isEqualTo(1);
      assertThat(kept.at("/settings/voice").asText()).isEqualTo("ash");
      assertThat(kept.at("/settings/speed").asDouble()).isEqualTo(1.0);

      reload.click();
      assertThat(ui.field("Voice")).hasValue("ash");
      assertThat(ui.field("Speaking speed")).hasValue("1");
      assertThat(ui.meta()).containsText("Version 1");
      assertThat(ui.meta()).containsText("by bob");
      assertThat(reload).isHidden();

      ui.field("Speaking speed").fill("1.4");
      ui.saveAndExpectVersion(2);
      JsonNode merged = bob.document();
      assertThat(merged.at("/settings/voice").asText()).isEqualTo("ash");
      assertThat(merged.at("/settings/speed").asDouble()).isEqualTo(1.4);
    }
  }

  @Test
  void announcesEverySaveWithAnEventThatCarriesTheNewDocument() {
    String tenant = stack.newTenant();
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.page().evaluate("() => { window.savedEvents = [];"
          + " document.addEventListener('voice-settings-saved', (e) => window.savedEvents.push(e.detail)); }");
      ui.field("Voice").selectOption("custom");
      ui.field("Custom voice id").fill("voice_brand_1");
      ui.saveAndExpectVersion(1);

      @SuppressWarnings("unchecked")
      List<Map<String, Object>> events = (List<Map<String, Object>>) ui.page().evaluate("() => window.savedEvents");
      assertThat(events).hasSize(1);
      assertThat(events.get(0)).containsEntry("version", 1).containsEntry("tenantId", tenant);
      assertThat(((Map<?, ?>) events.get(0).get("settings")).get("voice")).isEqualTo("voice_brand_1");

      ui.reload();
      assertThat(ui.field("Voice")).hasValue("custom");
      assertThat(ui.field("Custom voice id")).hasValue("voice_brand_1");
    }
  }

  /** What the server itself says about a field when sent the same mistake (so the test needs no copy of it). */
  private static String serverMessage(SettingsApi api, String field, java.util.function.Consumer<ObjectNode> mistake) {
    ObjectNode settings = api.settings();
    mistake.accept(settings);
    JsonNode problem = api.tryToSave(settings);
    assertThat(problem.get("code").asText()).isEqualTo("validation_failed");
    for (JsonNode error : problem.get("errors")) {
      if (error.get("field").asText().equals(field)) {
        return error.get("message").asText();
      }
    }
    throw new AssertionError("the server reported no error for " + field + ": " + problem);
  }

  /** The page shows the server's message as is, so it must read as a sentence, not as a template. */
  private static void assertReadable(String message) {
    assertThat(message).as("the server's message a person reads next to the field")
        .doesNotContain("${").doesNotContain("{value}");
  }

  /**
   * The message as the element shows it (a sentence, so its first letter may be capitalised). Escaped
   * by hand: Playwright hands the pattern to JavaScript, which knows no \\Q...\\E.
   */
  private static Pattern inSentence(String message) {
    return Pattern.compile(message.substring(1).replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0"));
  }
}
