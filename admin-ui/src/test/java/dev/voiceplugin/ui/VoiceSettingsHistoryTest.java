package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
      assertThat(latest).containsText("Speaking speed: 1 → 1.1");
      assertThat(latest).containsText("Instructions for the assistant: ");
      assertThat(latest).containsText("current");
      assertThat(latest.getByRole(AriaRole.BUTTON)).hasCount(0);

      Locator first = ui.historyEntry(1);
      assertThat(first).containsText("bob");
      assertThat(first).containsText("Voice: set to Ash");
      assertThat(first.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Restore version 1"))).isVisible();
      // When: the API's ISO 8601 timestamp, shown as a date of this year (not of 1970).
      String changedAt = first.locator("time").getAttribute("datetime");
      assertThat(changedAt).as("changedAt as the API sends it (the contract says ISO 8601)")
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
      assertThat(Instant.parse(changedAt)).isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now().plusSeconds(60));
      assertThat(first.locator("time")).containsText(String.valueOf(Year.now().getValue()));
      assertThat(ui.historyEntries()).hasCount(2);
    }
  }

  @Test
  void showsEachChangeWithTheFormsLabelAndItsOldAndNewValueButNeverASecret() {
    String tenant = stack.newTenant();
    SettingsApi bob = new SettingsApi(stack.api(tenant, "bob"));
    ObjectNode first = bob.settings().put("voice", "alloy");
    first.putArray("iceServers").addObject().put("username", "turn-user").put("credential", "first-s3cret")
        .putArray("urls").add("turn:127.0.0.1:3478");
    bob.save(first);
    String instructions = "You answer questions about the ACME admin panel. " + "Keep every answer short and friendly. ".repeat(4);
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.field("Voice").selectOption("marin");
      ui.field("Activation threshold").fill("0.7");
      ui.field("Credential").fill("second-s3cret");
      ui.field("Instructions for the assistant").fill(instructions);
      ui.saveAndExpectVersion(2);

      Locator latest = ui.historyEntry(2);
      Locator changes = latest.getByRole(AriaRole.LISTITEM);
      assertThat(changes.first()).hasText("Voice: Alloy → Marin"); // in the order of the form
      assertThat(changes.filter(has("Activation threshold"))).hasText("Activation threshold: 0.5 → 0.7");
      assertThat(changes.filter(has("ICE servers"))).hasText("ICE servers (STUN and TURN): credentials changed");
      // Long text: cut short where it is listed, in full one click away.
      Locator instructionsChange = changes.filter(has("Instructions for the assistant"));
      assertThat(instructionsChange).containsText("…");
      assertThat(instructionsChange.getByText(instructions.strip())).isHidden();
      instructionsChange.locator("summary").click();
      assertThat(instructionsChange.getByText(instructions.strip())).isVisible();
      assertThat(latest).not().containsText("turnDetection");

      Locator oldest = ui.historyEntry(1);
      assertThat(oldest.getByRole(AriaRole.LISTITEM).filter(has("Voice"))).hasText("Voice: set to Alloy");
      assertThat(ui.history().innerHTML()).doesNotContain("s3cret").doesNotContain("turn-user");
    }
  }

  /** Lines that start with {@code text} (a regular expression: Pattern.quote does not reach the browser). */
  private static Locator.FilterOptions has(String text) {
    return new Locator.FilterOptions().setHasText(java.util.regex.Pattern.compile("^" + text));
  }

  @Test
  void showsOlderVersionsOnRequest() {
    String tenant = stack.newTenant();
    SettingsApi bob = new SettingsApi(stack.api(tenant, "bob"));
    for (int i = 1; i <= 21; i++) {
      bob.save(bob.settings().put("clientSecretTtlSeconds", 100 + i));
    }
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      Locator entries = ui.historyEntries();
      assertThat(entries).hasCount(20);
      assertThat(ui.historyEntry(1)).hasCount(0);
      // The oldest entry of a page has no older one to compare with, until that is loaded.
      assertThat(ui.historyEntry(2)).containsText("Session key lifetime (seconds): set to 102");
      ui.button("Show older versions").click();
      assertThat(entries).hasCount(21);
      assertThat(ui.historyEntry(1)).containsText("Session key lifetime (seconds): set to 101");
      assertThat(ui.historyEntry(2)).containsText("Session key lifetime (seconds): 101 → 102");
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
