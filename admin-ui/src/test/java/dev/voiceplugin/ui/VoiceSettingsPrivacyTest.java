package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import dev.voiceplugin.ui.session.Axe;
import dev.voiceplugin.ui.settings.SettingsApi;
import dev.voiceplugin.ui.settings.SettingsPage;
import dev.voiceplugin.ui.settings.SharedSettingsStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "Push-to-talk and transcripts" part of the settings screen against the real API (issue #13):
 * it shows the defaults, saves what an administrator picks, asks for a retention only while storing,
 * shows the server's refusal of a retention out of range at its field, and says that GPT-Live has
 * neither. Screenshots of its states go to {@code target/screenshots/} for a person to judge.
 */
class VoiceSettingsPrivacyTest {
  private static final Path SHOTS = Path.of("target", "screenshots");

  @RegisterExtension
  static final SharedSettingsStack stack = new SharedSettingsStack();

  @Test
  void savesPushToTalkAndTranscriptStorageAndAsksForDaysOnlyWhileStoring() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      Locator pushToTalk = ui.field("Push-to-talk");
      Locator store = ui.field("Store call transcripts");
      Locator days = ui.field("Keep transcripts for (days)");
      assertThat(part(ui)).isVisible();
      assertThat(pushToTalk).hasValue("off");
      assertThat(store).not().isChecked();
      assertThat(days).hasValue("30");
      assertThat(days).isDisabled(); // no retention to choose while nothing is stored
      assertThat(ui.element().locator("#vs-transcripts-what")).containsText("Never audio.");
      shoot(ui, "settings-privacy-default");

      pushToTalk.selectOption("offered");
      store.check();
      assertThat(days).isEnabled();
      days.fill("90");
      shoot(ui, "settings-privacy-storing");
      assertThat(Axe.seriousViolations(ui.page(), "voice-settings")).as("axe on the settings form").isEmpty();
      ui.saveAndExpectVersion(1);

      JsonNode saved = api.document().get("settings");
      assertThat(saved.path("pushToTalk").asText()).isEqualTo("offered");
      assertThat(saved.at("/transcripts/store").asBoolean()).isTrue();
      assertThat(saved.at("/transcripts/retentionDays").asInt()).isEqualTo(90);

      ui.reload();
      assertThat(ui.field("Push-to-talk")).hasValue("offered");
      assertThat(ui.field("Store call transcripts")).isChecked();
      assertThat(ui.field("Keep transcripts for (days)")).hasValue("90");

      ui.field("Store call transcripts").uncheck();
      assertThat(ui.field("Keep transcripts for (days)")).isDisabled();
      ui.saveAndExpectVersion(2);
      assertThat(api.document().at("/settings/transcripts/store").asBoolean()).isFalse();
      assertThat(api.document().at("/settings/transcripts/retentionDays").asInt()).as("the retention is kept").isEqualTo(90);
    }
  }

  @Test
  void aRetentionOutOfRangeIsRefusedByTheServerAtItsFieldAndNothingIsSaved() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.field("Store call transcripts").check();
      Locator days = ui.field("Keep transcripts for (days)");
      days.fill("0");
      ui.save();
      assertThat(ui.status()).hasText("Some settings need attention: see the messages next to them.");
      assertThat(days).hasAttribute("aria-invalid", "true");

      ui.forceValue(days, "3651");
      ui.save();
      assertThat(ui.status()).containsText("not accepted");
      assertThat(days).hasAttribute("aria-invalid", "true");
      assertThat(days).isFocused();
      assertThat((String) days.evaluate("el => el.closest('.vs-field').textContent")).as("the server's message sits at the field")
          .containsPattern("3650|3,650");
      assertThat(api.document().get("version").asLong()).as("nothing saved").isZero();
      shoot(ui, "settings-privacy-refused");

      days.fill("3650");
      ui.saveAndExpectVersion(1);
      assertThat(days).not().hasAttribute("aria-invalid", "true");
      assertThat(api.document().at("/settings/transcripts/retentionDays").asInt()).isEqualTo(3650);
    }
  }

  @Test
  void gptLiveSaysItHasNeitherAndSavesThemOffWhileTheFormKeepsTheChoiceForSwitchingBack() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.field("Push-to-talk").selectOption("on");
      ui.field("Store call transcripts").check();
      ui.saveAndExpectVersion(1);

      Locator liveHint = ui.element().getByText("GPT-Live has no push-to-talk and its transcripts are not stored.");
      assertThat(liveHint).isHidden();
      ui.field("Provider").selectOption("openai-live");
      assertThat(liveHint).isVisible();
      assertThat(ui.field("Push-to-talk")).isHidden();
      assertThat(ui.field("Store call transcripts")).isHidden();
      shoot(ui, "settings-privacy-live");
      ui.saveAndExpectVersion(2);
      JsonNode live = api.document().get("settings");
      assertThat(live.path("provider").asText()).isEqualTo("openai-live");
      assertThat(live.path("pushToTalk").asText()).as("GPT-Live refuses anything but off").isEqualTo("off");
      assertThat(live.at("/transcripts/store").asBoolean()).isFalse();

      ui.field("Provider").selectOption("openai");
      assertThat(liveHint).isHidden();
      assertThat(ui.field("Push-to-talk")).hasValue("on"); // the choice made before switching is still there
      assertThat(ui.field("Store call transcripts")).isChecked();
      ui.saveAndExpectVersion(3);
      assertThat(api.document().at("/settings/pushToTalk").asText()).isEqualTo("on");
      assertThat(api.document().at("/settings/transcripts/store").asBoolean()).isTrue();
    }
  }

  @Test
  void anotherTenantsAdministratorSeesOnlyTheirOwnChoice() {
    String acme = stack.newTenant();
    String globex = stack.newTenant();
    try (SettingsPage ui = stack.open(acme, "alice").loaded()) {
      ui.field("Push-to-talk").selectOption("on");
      ui.field("Store call transcripts").check();
      ui.saveAndExpectVersion(1);
    }
    try (SettingsPage other = stack.open(globex, "alice").loaded()) {
      assertThat(other.field("Push-to-talk")).hasValue("off");
      assertThat(other.field("Store call transcripts")).not().isChecked();
      assertThat(other.meta()).not().containsText("Version 1");
    }
    assertThat(new SettingsApi(stack.api(globex, "alice")).document().at("/settings/transcripts/store").asBoolean()).isFalse();
  }

  private static Locator part(SettingsPage ui) {
    return ui.element().locator(".vs-privacy");
  }

  private static void shoot(SettingsPage ui, String name) {
    part(ui).screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
  }
}
