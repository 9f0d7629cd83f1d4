package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.ui.settings.SettingsApi;
import dev.voiceplugin.ui.settings.SettingsPage;
import dev.voiceplugin.ui.settings.SharedSettingsStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Labels, keyboard use and who may see the settings at all. */
class VoiceSettingsAccessTest {
  private static final String FOCUSED_NAME = """
      () => {
        let el = document.activeElement;
        while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
        if (!el) return '';
        const label = el.labels && el.labels.length ? el.labels[0].textContent : el.textContent;
        return label.replace(/\\s+/g, ' ').trim();
      }""";

  @RegisterExtension
  static final SharedSettingsStack stack = new SharedSettingsStack();

  @Test
  void everyControlHasALabelAndEveryGroupALegend() {
    String tenant = stack.newTenant();
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.button("Add ICE server").click();
      ui.field("Provider").selectOption("azure");
      @SuppressWarnings("unchecked")
      List<String> unlabelled = (List<String>) ui.element().evaluate("""
          el => [...el.shadowRoot.querySelectorAll('input, select, textarea')]
                  .filter((c) => c.labels.length === 0 || !c.labels[0].textContent.trim()).map((c) => c.outerHTML)""");
      assertThat(unlabelled).isEmpty();
      @SuppressWarnings("unchecked")
      List<String> withoutLegend = (List<String>) ui.element().evaluate("""
          el => [...el.shadowRoot.querySelectorAll('fieldset')]
                  .filter((f) => !f.querySelector(':scope > legend')?.textContent.trim()).map((f) => f.outerHTML.slice(0, 80))""");
      assertThat(withoutLegend).isEmpty();

      for (String label : List.of("Provider", "Resource endpoint", "Authentication", "Model", "Voice", "Speaking speed",
          "Noise reduction", "Maximum output tokens", "Instructions for the assistant", "When is the user done speaking?",
          "Activation threshold", "Audio kept before speech (ms)", "Silence that ends a turn (ms)", "Idle timeout (ms)",
          "Transcribe what the user says", "Transcription model", "Language", "Prompt for the transcriber",
          "Session key lifetime (seconds)", "URLs", "User name", "Credential", "New API key")) {
        assertThat(ui.field(label)).hasCount(1);
      }
      Locator output = ui.element().getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("The assistant answers with"));
      assertThat(output.getByRole(AriaRole.RADIO)).hasCount(2);
      assertThat(ui.status()).hasCount(1);
      assertThat(ui.field("Resource endpoint")).hasAccessibleDescription("An https address with no path, such as https://name.openai.azure.com.");
    }
  }

  @Test
  void theFormCanBeFilledAndSavedWithTheKeyboardAlone() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      var keyboard = ui.page().keyboard();
      List<String> stops = new ArrayList<>();
      for (int i = 0; i < 60 && !"Save settings".equals(stops.isEmpty() ? "" : stops.get(stops.size() - 1)); i++) {
        keyboard.press("Tab");
        String name = (String) ui.page().evaluate(FOCUSED_NAME);
        if (!stops.isEmpty() || "Provider".equals(name)) {
          stops.add(name);
        }
      }
      // Every applicable control in reading order; nothing that is hidden (Azure, semantic VAD) takes focus.
      assertThat(stops).containsSubsequence("Provider", "Model", "Voice", "Speech, with a transcript", "Speaking speed",
          "Noise reduction", "Unlimited", "Instructions for the assistant", "When is the user done speaking?",
          "Activation threshold", "Let the user interrupt the assistant", "Transcribe what the user says",
          "Session key lifetime (seconds)", "Add ICE server", "New API key", "Save settings");
      assertThat(stops).doesNotContain("Resource endpoint", "Eagerness", "Custom voice id", "Maximum output tokens");

      // Back to the speed, change it by typing, and submit with Enter.
      while (!"Speaking speed".equals(ui.page().evaluate(FOCUSED_NAME))) {
        keyboard.press("Shift+Tab");
      }
      keyboard.press("Control+A");
      keyboard.type("1.3");
      keyboard.press("Enter");
      assertThat(ui.status()).hasText("Saved as version 1.");
      assertThat(api.document().at("/settings/speed").asDouble()).isEqualTo(1.3);
    }
  }

  @Test
  void fitsANarrowColumnWithoutScrollingSideways() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    api.save(api.settings().put("voice", "ash"));
    api.save(api.settings().put("voice", "cedar"));
    try (SettingsPage ui = stack.open(tenant, "alice")) {
      ui.page().setViewportSize(320, 700);
      ui.loaded();
      ui.field("Provider").selectOption("azure");
      ui.button("Add ICE server").click();
      Object overflow = ui.element().evaluate("""
          el => [el, ...el.shadowRoot.querySelectorAll('*')]
                  .filter((n) => n.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                  .map((n) => n.localName + '.' + n.className)""");
      assertThat((List<?>) overflow).isEmpty();
      Locator restore = ui.button("Restore version 1");
      restore.scrollIntoViewIfNeeded();
      assertThat(restore).isInViewport(new LocatorAssertions.IsInViewportOptions().setRatio(1));
    }
  }

  @Test
  void showsTheServersHintInsteadOfTheFormToSomeoneWhoIsNotAnAdministrator() {
    String tenant = stack.newTenant();
    ApiClient carol = new ApiClient(stack.baseUri());
    carol.post("/api/v1/demo/sign-in", Map.of("tenant", tenant, "user", "carol", "admin", false), "X-Requested-With", "voice-plugin");
    ApiClient.Reply refused = carol.get("/api/v1/realtime-settings");
    assertThat(refused.status()).isEqualTo(403);

    try (SettingsPage ui = stack.open(tenant, "carol", false)) {
      Locator alert = ui.element().getByRole(AriaRole.ALERT);
      assertThat(alert).containsText(refused.json().get("hint").asText());
      assertThat(ui.field("Provider")).isHidden();
      assertThat(ui.button("Save settings")).isHidden();
    }
  }

  @Test
  void asksToSignInWhenNobodyIsSignedIn() {
    ApiClient.Reply refused = new ApiClient(stack.baseUri()).get("/api/v1/realtime-settings");
    assertThat(refused.status()).isEqualTo(401);

    try (SettingsPage ui = stack.open(stack.newTenant(), null, false)) {
      assertThat(ui.element().getByRole(AriaRole.ALERT)).containsText(refused.json().get("hint").asText());
      assertThat(ui.field("Provider")).isHidden();
    }
  }
}
