package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import dev.voiceplugin.ui.settings.SettingsApi;
import dev.voiceplugin.ui.settings.SettingsPage;
import dev.voiceplugin.ui.settings.SharedSettingsStack;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history list and restoring an earlier version from it. */
class VoiceSettingsHistoryTest {
  @RegisterExtension
  static final SharedSettingsStack stack = new SharedSettingsStack();

  @Test
  void listsEveryVersionWithWhoChangedWhatAndWhen() {
    String tenant = stack.newTenant();
    SettingsApi bob = new SettingsApi(stack.api(tenant, "bob"));
    bob.save(bob.settings().put("voice", "ash"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.field("Speaking speed").fill("1.1");
      ui.field("Instructions for the assistant").fill("Be brief.");
      ui.saveAndExpectVersion(2);

      Locator latest = ui.historyEntry(2);
      assertThat(latest).containsText("alice");
      assertThat(latest).containsText("speed");
      assertThat(latest).containsText("instructions");
      assertThat(latest).containsText("current");
      assertThat(latest.getByRole(AriaRole.BUTTON)).hasCount(0);

      Locator first = ui.historyEntry(1);
      assertThat(first).containsText("bob");
      assertThat(first).containsText("Changed voice.");
      assertThat(first.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Restore version 1"))).isVisible();
      // When: the API's ISO 8601 timestamp, shown as a date of this year (not of 1970).
      String changedAt = first.locator("time").getAttribute("datetime");
      assertThat(changedAt).as("changedAt as the API sends it (the contract says ISO 8601)")
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
      assertThat(Instant.parse(changedAt)).isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now().plusSeconds(60));
      assertThat(first.locator("time")).containsText(String.valueOf(Year.now().getValue()));
      assertThat(ui.history().getByRole(AriaRole.LISTITEM)).hasCount(2);
    }
  }

  @Test
  void showsOlderVersionsOnRequest() {
    String tenant = stack.newTenant();
    SettingsApi bob = new SettingsApi(stack.api(tenant, "bob"));
    for (int i = 1; i <= 21; i++) {
      bob.save(bob.settings().put("clientSecretTtlSeconds", 100 + i));
    }
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      Locator entries = ui.history().getByRole(AriaRole.LISTITEM);
      assertThat(entries).hasCount(20);
      assertThat(ui.historyEntry(1)).hasCount(0);
      ui.button("Show older versions").click();
      assertThat(entries).hasCount(21);
      assertThat(ui.historyEntry(1)).containsText("Changed session key lifetime.");
      assertThat(ui.button("Show older versions")).isHidden();
    }
  }

  @Test
  void restoresAnEarlierVersionAndShowsItsValues() {
    String tenant = stack.newTenant();
    SettingsApi bob = new SettingsApi(stack.api(tenant, "bob"));
    bob.save(bob.settings().put("voice", "ash").put("speed", 1.1));
    bob.save(bob.settings().put("voice", "cedar").put("speed", 1.3));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      assertThat(ui.field("Voice")).hasValue("cedar");

      ui.button("Restore version 1").click();
      assertThat(ui.status()).hasText("Restored version 1; it is now version 3.");
      assertThat(ui.field("Voice")).hasValue("ash");
      assertThat(ui.field("Speaking speed")).hasValue("1.1");
      assertThat(ui.meta()).containsText("Version 3");
      assertThat(ui.meta()).isFocused();
      assertThat(ui.historyEntry(3)).containsText("Restored version 1.");
      assertThat(ui.historyEntry(3)).containsText("current");
      assertThat(ui.button("Restore version 2")).isVisible();

      JsonNode now = bob.document();
      assertThat(now.get("version").asLong()).isEqualTo(3);
      assertThat(now.at("/settings/voice").asText()).isEqualTo("ash");
      JsonNode entry = bob.history().at("/items/0");
      assertThat(entry.get("action").asText()).isEqualTo("restore");
      assertThat(entry.get("restoredFrom").asLong()).isEqualTo(1);
      assertThat(entry.get("changedBy").asText()).isEqualTo("alice");

      ui.reload();
      assertThat(ui.field("Voice")).hasValue("ash");
    }
  }
}
