package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.settings.SettingsStub;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "Calls and usage" part of the settings form against a stubbed settings API (the server side
 * of these fields is built alongside): it shows, saves and explains refusals of the call fields,
 * names them in the history, and stays out of the way of a server that does not know them.
 */
class VoiceSettingsCallsTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private BrowserContext context;
  private Page page;
  private SettingsStub api;
  private final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void launch() {
    browser = BrowserFixture.launch();
    site = StaticSite.start();
  }

  @AfterAll
  static void shutDown() {
    site.close();
    browser.close();
  }

  @AfterEach
  void closePage() {
    if (context != null) {
      Object csp = page.evaluate("() => window.__csp || 0");
      context.close();
      assertThat(((Number) csp).intValue()).as("CSP violations").isZero();
    }
    assertThat(problems).as("page errors").isEmpty();
  }

  private void open(String settings) {
    context = browser.newContext();
    page = context.newPage();
    page.onPageError(problems::add);
    page.addInitScript("document.addEventListener('securitypolicyviolation', e => window.__csp = (window.__csp || 0) + 1, true);");
    api = SettingsStub.install(page, settings);
    page.navigate(site.url("/test/settings-host.html"));
    assertThat(field("Provider")).isVisible();
  }

  private Locator field(String label) {
    return page.locator("voice-settings").getByLabel(label, new Locator.GetByLabelOptions().setExact(true));
  }

  private void save() {
    page.locator("voice-settings").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save settings")).click();
  }

  private Locator status() {
    return page.locator("voice-settings").locator("[role=status][aria-live=polite]");
  }

  private static String withCalls(String mode, int minutes, int concurrent, String budget) {
    return SettingsStub.SETTINGS.replace("\"connectionMode\":\"server\"", "\"connectionMode\":\"" + mode + "\"")
        .replace("\"maxCallMinutes\":30", "\"maxCallMinutes\":" + minutes)
        .replace("\"maxConcurrentCalls\":10", "\"maxConcurrentCalls\":" + concurrent)
        .replace("\"monthlyTokenBudget\":null", "\"monthlyTokenBudget\":" + budget);
  }

  @Test
  void showsTheCallFieldsWithWhatEachDoes() {
    open(withCalls("browser", 15, 4, "250000"));

    Locator part = page.locator("voice-settings").getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Calls and usage"));
    assertThat(part).isVisible();
    assertThat(field("How calls connect")).hasValue("browser");
    assertThat(field("How calls connect")).hasAccessibleDescription(java.util.regex.Pattern.compile("never receive the instructions"));
    assertThat(field("Longest call (minutes)")).hasValue("15");
    assertThat(field("Longest call (minutes)")).hasAccessibleDescription(java.util.regex.Pattern.compile("1 to 60"));
    assertThat(field("Calls at the same time")).hasValue("4");
    assertThat(field("Calls at the same time")).hasAccessibleDescription(java.util.regex.Pattern.compile("1 to 1000"));
    assertThat(field("No monthly limit")).not().isChecked();
    assertThat(field("Tokens per month")).hasValue("250000");
    assertThat(field("Tokens per month")).isEnabled();
    assertThat(field("Tokens per month")).hasAccessibleDescription(java.util.regex.Pattern.compile("At least 1000"));
  }

  @Test
  void savesTheCallFields() {
    open(SettingsStub.SETTINGS);
    assertThat(field("No monthly limit")).isChecked();
    assertThat(field("Tokens per month")).isDisabled();

    field("How calls connect").selectOption("browser");
    field("Longest call (minutes)").fill("12");
    field("Calls at the same time").fill("3");
    field("No monthly limit").uncheck();
    field("Tokens per month").fill("50000");
    save();

    assertThat(status()).hasText("Saved as version 4.");
    var saved = api.saved().get(0);
    assertThat(saved.get("connectionMode").asText()).isEqualTo("browser");
    assertThat(saved.get("maxCallMinutes").asInt()).isEqualTo(12);
    assertThat(saved.get("maxConcurrentCalls").asInt()).isEqualTo(3);
    assertThat(saved.get("monthlyTokenBudget").asLong()).isEqualTo(50000);

    field("No monthly limit").check();
    save();

    assertThat(status()).hasText("Saved as version 5.");
    assertThat(api.saved().get(1).get("monthlyTokenBudget").isNull()).isTrue();
  }

  @Test
  void checksTheRangesBeforeSending() {
    open(SettingsStub.SETTINGS);

    field("Longest call (minutes)").fill("90");
    save();

    assertThat(field("Longest call (minutes)")).hasAttribute("aria-invalid", "true");
    assertThat(api.saved()).isEmpty();
  }

  @Test
  void showsTheServersValidationErrorsNextToTheCallFields() {
    open(SettingsStub.SETTINGS);
    api.refuseNextSave("""
        [{"field":"settings.maxCallMinutes","code":"out_of_range","message":"must be at most 20 on this platform"},
         {"field":"settings.maxConcurrentCalls","code":"out_of_range","message":"must be at most 5 on this platform"},
         {"field":"settings.monthlyTokenBudget","code":"out_of_range","message":"must be at least 1000"}]""");
    field("Longest call (minutes)").fill("25");
    field("No monthly limit").uncheck();

    save();

    assertThat(status()).hasText("Not saved: 3 settings were not accepted. See the messages next to them.");
    assertThat(field("Longest call (minutes)")).hasAttribute("aria-invalid", "true");
    assertThat(field("Longest call (minutes)")).hasAccessibleDescription(java.util.regex.Pattern.compile("^Must be at most 20 on this platform\\."));
    assertThat(field("Longest call (minutes)")).isFocused();
    assertThat(field("Calls at the same time")).hasAccessibleDescription(java.util.regex.Pattern.compile("^Must be at most 5 on this platform\\."));
    assertThat(field("Tokens per month")).hasAccessibleDescription(java.util.regex.Pattern.compile("^Must be at least 1000\\."));
  }

  @Test
  void namesTheCallFieldsInTheHistory() {
    open(withCalls("browser", 30, 10, "50000"));
    api.history("""
        {"items":[
          {"version":3,"action":"update","changedAt":"2026-12-01T10:00:00Z","changedBy":"alice",
           "changedFields":["connectionMode","maxCallMinutes","monthlyTokenBudget"],"restoredFrom":null,"apiKeyConfigured":false,
           "settings":%s},
          {"version":2,"action":"update","changedAt":"2026-11-30T10:00:00Z","changedBy":"bob",
           "changedFields":["voice"],"restoredFrom":null,"apiKeyConfigured":false,"settings":%s}],
         "page":0,"size":20,"total":2}""".formatted(withCalls("browser", 30, 10, "50000"), withCalls("server", 45, 10, "null")));
    page.reload();

    Locator changes = page.locator("voice-settings").getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Changes in version 3"));
    assertThat(changes.getByRole(AriaRole.LISTITEM)).hasText(new String[] {
        "How calls connect: Through the plugin server → Directly from the browser",
        "Longest call (minutes): 45 → 30",
        "Monthly token budget: unlimited → 50000"});
  }

  @Test
  void showsAndSavesWhatHappensWhenWebRtcCannotConnect() {
    open(SettingsStub.SETTINGS.replace("\"relay\":\"offer\"", "\"relay\":\"off\""));
    Locator relay = field("When WebRTC cannot connect");
    assertThat(relay).hasValue("off");
    assertThat(relay).hasAccessibleDescription(java.util.regex.Pattern.compile("carry the call over the page's own HTTPS connection"));
    assertThat(relay.locator("option")).hasText(new String[] {"Off", "Offer when WebRTC fails", "Switch automatically"});

    relay.selectOption("automatic");
    save();

    assertThat(status()).hasText("Saved as version 4.");
    assertThat(api.saved().get(0).get("relay").asText()).isEqualTo("automatic");
    assertThat(relay).hasValue("automatic");
    relay.selectOption("offer");
    save();
    assertThat(status()).hasText("Saved as version 5.");
    assertThat(api.saved().get(1).get("relay").asText()).isEqualTo("offer");
  }

  @Test
  void namesTheRelaySettingInTheHistoryAndItsErrorsNextToIt() {
    String automatic = SettingsStub.SETTINGS.replace("\"relay\":\"offer\"", "\"relay\":\"automatic\"");
    open(automatic);
    api.history("""
        {"items":[
          {"version":3,"action":"update","changedAt":"2026-12-01T10:00:00Z","changedBy":"alice","changedFields":["relay"],
           "restoredFrom":null,"apiKeyConfigured":false,"settings":%s},
          {"version":2,"action":"update","changedAt":"2026-11-30T10:00:00Z","changedBy":"bob","changedFields":["voice"],
           "restoredFrom":null,"apiKeyConfigured":false,"settings":%s}],
         "page":0,"size":20,"total":2}""".formatted(automatic, SettingsStub.SETTINGS));
    api.refuseNextSave("[{\"field\":\"settings.relay\",\"code\":\"not_allowed\",\"message\":\"is switched off on this platform\"}]");
    page.reload();

    Locator changes = page.locator("voice-settings").getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Changes in version 3"));
    assertThat(changes.getByRole(AriaRole.LISTITEM)).hasText(new String[] {
        "When WebRTC cannot connect: Offer when WebRTC fails → Switch automatically"});
    save();
    assertThat(field("When WebRTC cannot connect")).hasAttribute("aria-invalid", "true");
    assertThat(field("When WebRTC cannot connect")).hasAccessibleDescription(java.util.regex.Pattern.compile("^Is switched off on this platform\\."));
  }

  @Test
  void leavesTheRelayOutForAServerWithCallsButNoRelay() {
    String noRelay = SettingsStub.SETTINGS.replace("\"relay\":\"offer\",", "");
    assertThat(noRelay).doesNotContain("relay").contains("connectionMode");
    open(noRelay);

    assertThat(field("How calls connect")).isVisible();
    assertThat(field("When WebRTC cannot connect")).isHidden();
    save();

    assertThat(status()).hasText("Saved as version 4.");
    assertThat(api.saved().get(0).has("relay")).isFalse();
    assertThat(api.saved().get(0).get("connectionMode").asText()).isEqualTo("server");
  }

  @Test
  void leavesTheCallFieldsOutForAServerThatDoesNotKnowThem() {
    String old = SettingsStub.SETTINGS.replaceAll(",\\s*\"connectionMode\".*}$", "}");
    assertThat(old).doesNotContain("connectionMode").endsWith("}");
    open(old);

    assertThat(page.locator("voice-settings").getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Calls and usage")))
        .hasCount(0);
    save();

    assertThat(status()).hasText("Saved as version 4.");
    assertThat(api.saved().get(0).has("connectionMode")).isFalse();
    assertThat(api.saved().get(0).has("maxCallMinutes")).isFalse();
    assertThat(api.saved().get(0).has("monthlyTokenBudget")).isFalse();
    assertThat(api.saved().get(0).has("relay")).isFalse();
  }
}
