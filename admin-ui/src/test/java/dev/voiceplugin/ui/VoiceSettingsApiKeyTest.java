package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.ui.settings.SettingsApi;
import dev.voiceplugin.ui.settings.SettingsPage;
import dev.voiceplugin.ui.settings.SettingsStack;
import dev.voiceplugin.ui.settings.SharedSettingsStack;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tenant's API key: written once, never shown again except its last four characters. */
class VoiceSettingsApiKeyTest {
  @RegisterExtension
  static final SharedSettingsStack stack = new SharedSettingsStack();

  @Test
  void aSavedKeyIsNeverShownAgainOnlyItsLastFourCharacters() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    String key = "sk-test-" + UUID.randomUUID().toString().replace("-", "") + "Zx9Q";
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      Locator field = ui.field("New API key");
      assertThat(field).hasAttribute("type", "password");
      field.fill(key);
      assertThat(ui.element()).not().containsText(key);
      ui.saveAndExpectVersion(1);

      assertThat(ui.element().getByText("An API key is saved; it ends in Zx9Q.")).isVisible();
      assertThat(field).hasValue("");
      assertThat(field).hasAccessibleDescription(Pattern.compile("ends in Zx9Q"));
      assertThat(ui.renderedStateOfThePage()).doesNotContain(key).doesNotContain(key.substring(0, key.length() - 4));

      ApiClient.Reply reply = api.documentReply();
      assertThat(reply.body()).doesNotContain(key).doesNotContain(key.substring(0, key.length() - 4));
      assertThat(reply.json().get("apiKeyConfigured").asBoolean()).isTrue();
      assertThat(reply.json().get("apiKeyLast4").asText()).isEqualTo("Zx9Q");

      // Saving other changes keeps the key.
      ui.field("Voice").selectOption("sage");
      ui.saveAndExpectVersion(2);
      assertThat(api.document().get("apiKeyLast4").asText()).isEqualTo("Zx9Q");

      ui.reload();
      assertThat(ui.element().getByText("An API key is saved; it ends in Zx9Q.")).isVisible();
      assertThat(ui.renderedStateOfThePage()).doesNotContain(key);
    }
  }

  @Test
  void removesTheStoredKeyOnlyAfterConfirmation() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.field("New API key").fill("sk-test-removable-1234");
      ui.saveAndExpectVersion(1);

      ui.button("Remove key").click();
      Locator confirm = ui.element().getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName(Pattern.compile("Remove the stored key\\?")));
      assertThat(confirm).isVisible();
      assertThat(ui.button("Keep it")).isFocused();
      ui.button("Keep it").click();
      assertThat(confirm).isHidden();
      assertThat(api.document().get("apiKeyConfigured").asBoolean()).isTrue();

      ui.button("Remove key").click();
      ui.button("Remove the key").click();
      assertThat(ui.status()).hasText("The API key was removed.");
      assertThat(ui.element().getByText("No API key is saved.")).isVisible();
      assertThat(ui.button("Remove key")).isHidden();

      JsonNode doc = api.document();
      assertThat(doc.get("apiKeyConfigured").asBoolean()).isFalse();
      assertThat(doc.get("version").asLong()).isEqualTo(2);
      assertThat(api.history().at("/items/0/action").asText()).isEqualTo("api_key_removed");
      assertThat(ui.historyEntry(2)).containsText("Removed the API key.");
    }
  }

  @Test
  void explainsAtTheKeyFieldWhenThisServerCannotStoreKeys() {
    try (SettingsStack noMasterKey = SettingsStack.startWithoutMasterKey()) {
      String tenant = noMasterKey.newTenant();
      SettingsApi api = new SettingsApi(noMasterKey.api(tenant, "alice"));
      try (SettingsPage ui = noMasterKey.open(tenant, "alice").loaded()) {
        Locator field = ui.field("New API key");
        field.fill("sk-test-nowhere-to-go-5678");
        ui.save();
        assertThat(field).hasAttribute("aria-invalid", "true");
        assertThat(field).hasAccessibleDescription(Pattern.compile("ask the platform team"));
        assertThat(ui.status()).containsText("cannot store API keys");
        assertThat(api.document().get("version").asLong()).isZero();

        field.fill("");
        ui.saveAndExpectVersion(1);
        assertThat(api.document().get("apiKeyConfigured").asBoolean()).isFalse();
      }
    }
  }
}
