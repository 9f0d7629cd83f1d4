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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The settings form shows what is stored and sends exactly what applies. Real API, PostgreSQL and Chromium. */
class VoiceSettingsFormTest {
  @RegisterExtension
  static final SharedSettingsStack stack = new SharedSettingsStack();

  @Test
  void showsEveryStoredSettingOfTheTenant() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "bob"));
    ObjectNode s = api.settings();
    s.put("voice", "cedar").put("speed", 1.2).put("instructions", "Answer in one sentence.")
        .put("noiseReduction", "far_field").put("maxOutputTokens", 2048).put("clientSecretTtlSeconds", 300);
    s.putArray("outputModalities").add("text");
    ObjectNode td = s.putObject("turnDetection").put("type", "semantic_vad").put("eagerness", "high")
        .put("createResponse", false).put("interruptResponse", true);
    td.putNull("threshold").putNull("prefixPaddingMs").putNull("silenceDurationMs").putNull("idleTimeoutMs");
    s.putObject("transcription").put("model", "gpt-4o-transcribe").put("language", "de").put("prompt", "Names: Zoë, Jürgen");
    ObjectNode ice = s.putArray("iceServers").addObject().put("username", "u1").put("credential", "c1");
    ice.putArray("urls").add("stun:stun.example.org:3478").add("turn:turn.example.org:3478");
    api.save(s);

    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      assertThat(ui.meta()).containsText("Version 1");
      assertThat(ui.meta()).containsText("by bob");
      assertThat(ui.field("Provider")).hasValue("openai");
      assertThat(ui.field("Model")).hasValue("gpt-realtime");
      assertThat(ui.field("Voice")).hasValue("cedar");
      assertThat(ui.field("Text only")).isChecked();
      assertThat(ui.field("Speech, with a transcript")).not().isChecked();
      assertThat(ui.field("Speaking speed")).hasValue("1.2");
      assertThat(ui.field("Noise reduction")).hasValue("far_field");
      assertThat(ui.field("Unlimited")).not().isChecked();
      assertThat(ui.field("Maximum output tokens")).hasValue("2048");
      assertThat(ui.field("Instructions for the assistant")).hasValue("Answer in one sentence.");
      assertThat(ui.field("When is the user done speaking?")).hasValue("semantic_vad");
      assertThat(ui.field("Eagerness")).hasValue("high");
      assertThat(ui.field("Answer automatically when the user is done")).not().isChecked();
      assertThat(ui.field("Let the user interrupt the assistant")).isChecked();
      assertThat(ui.field("Transcribe what the user says")).isChecked();
      assertThat(ui.field("Transcription model")).hasValue("gpt-4o-transcribe");
      assertThat(ui.field("Language")).hasValue("de");
      assertThat(ui.field("Prompt for the transcriber")).hasValue("Names: Zoë, Jürgen");
      assertThat(ui.field("Session key lifetime (seconds)")).hasValue("300");
      Locator row = ui.element().getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("ICE server 1"));
      assertThat(row.getByLabel("URLs")).hasValue("stun:stun.example.org:3478 turn:turn.example.org:3478");
      assertThat(row.getByLabel("User name")).hasValue("u1");
      assertThat(row.getByLabel("Credential")).hasValue("c1");
      assertThat(ui.element().getByText("No API key is saved.")).isVisible();
    }
  }

  @Test
  void showsTurnDetectionOptionsOnlyWhereTheyApplyAndSendsNullForTheRest() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      Locator type = ui.field("When is the user done speaking?");
      Locator threshold = ui.field("Activation threshold");
      Locator eagerness = ui.field("Eagerness");
      Locator autoAnswer = ui.field("Answer automatically when the user is done");

      type.selectOption("server_vad");
      assertThat(threshold).isVisible();
      assertThat(ui.field("Audio kept before speech (ms)")).isVisible();
      assertThat(ui.field("Silence that ends a turn (ms)")).isVisible();
      assertThat(ui.field("Idle timeout (ms)")).isVisible();
      assertThat(autoAnswer).isVisible();
      assertThat(eagerness).isHidden();

      type.selectOption("semantic_vad");
      assertThat(threshold).isHidden();
      assertThat(ui.field("Idle timeout (ms)")).isHidden();
      assertThat(eagerness).isVisible();
      assertThat(autoAnswer).isVisible();
      eagerness.selectOption("low");
      ui.saveAndExpectVersion(1);
      JsonNode semantic = api.document().at("/settings/turnDetection");
      assertThat(semantic.get("type").asText()).isEqualTo("semantic_vad");
      assertThat(semantic.get("eagerness").asText()).isEqualTo("low");
      assertThat(List.of("threshold", "prefixPaddingMs", "silenceDurationMs", "idleTimeoutMs"))
          .allSatisfy(f -> assertThat(semantic.get(f).isNull()).as(f).isTrue());
      assertThat(semantic.get("createResponse").asBoolean()).isTrue();

      type.selectOption("none");
      assertThat(threshold).isHidden();
      assertThat(eagerness).isHidden();
      assertThat(autoAnswer).isHidden();
      ui.saveAndExpectVersion(2);
      JsonNode none = api.document().at("/settings/turnDetection");
      assertThat(none.get("type").asText()).isEqualTo("none");
      assertThat(List.of("eagerness", "createResponse", "interruptResponse", "threshold"))
          .allSatisfy(f -> assertThat(none.get(f).isNull()).as(f).isTrue());

      type.selectOption("server_vad");
      threshold.fill("0.65");
      ui.field("Idle timeout (ms)").fill("8000");
      ui.saveAndExpectVersion(3);
      JsonNode server = api.document().at("/settings/turnDetection");
      assertThat(server.get("threshold").asDouble()).isEqualTo(0.65);
      assertThat(server.get("idleTimeoutMs").asInt()).isEqualTo(8000);
      assertThat(server.get("eagerness").isNull()).isTrue();
    }
  }

  @Test
  void showsAzureConnectionFieldsOnlyForAzure() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      Locator endpoint = ui.field("Resource endpoint");
      assertThat(endpoint).isHidden();
      assertThat(ui.field("Authentication")).isHidden();

      ui.field("Provider").selectOption("azure");
      assertThat(endpoint).isVisible();
      endpoint.fill("https://contoso.openai.azure.com");
      ui.field("Authentication").selectOption("entra-id");
      ui.field("Model").fill("my-realtime-deployment");
      ui.saveAndExpectVersion(1);
      JsonNode azure = api.document().get("settings");
      assertThat(azure.get("provider").asText()).isEqualTo("azure");
      assertThat(azure.at("/azure/endpoint").asText()).isEqualTo("https://contoso.openai.azure.com");
      assertThat(azure.at("/azure/auth").asText()).isEqualTo("entra-id");
      assertThat(azure.get("model").asText()).isEqualTo("my-realtime-deployment");

      ui.reload();
      assertThat(ui.field("Provider")).hasValue("azure");
      assertThat(ui.field("Resource endpoint")).hasValue("https://contoso.openai.azure.com");

      ui.field("Provider").selectOption("openai");
      assertThat(ui.field("Resource endpoint")).isHidden();
      ui.saveAndExpectVersion(2);
      assertThat(api.document().at("/settings/azure").isNull()).isTrue();
    }
  }

  @Test
  void countsInstructionCharactersLiveAndRefusesMoreThanTheLimit() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    int limit = api.document().at("/limits/instructionsMaxChars").asInt();
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      Locator instructions = ui.field("Instructions for the assistant");
      instructions.fill("Hello");
      assertThat(instructions).hasAccessibleDescription(java.util.regex.Pattern.compile("^5 of [\\d,.\\s\u202f]+ characters\\.$"));

      instructions.fill("x".repeat(limit + 3));
      assertThat(instructions).hasAccessibleDescription(java.util.regex.Pattern.compile("3 too many"));
      ui.save();
      assertThat(ui.status()).hasText("Some settings need attention: see the messages next to them.");
      assertThat(instructions).hasAttribute("aria-invalid", "true");
      assertThat(instructions).isFocused();
      assertThat(api.document().get("version").asLong()).as("nothing was sent").isZero();
    }
  }

  @Test
  void reconnectingTheElementReloadsItWithoutDoublingItsListeners() {
    String tenant = stack.newTenant();
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.element().evaluate("el => { const parent = el.parentNode; el.remove(); parent.append(el); }");
      assertThat(ui.field("Provider")).isVisible();
      ui.button("Add ICE server").click();
      assertThat(ui.element().getByLabel("URLs")).hasCount(1);
      ui.element().getByLabel("URLs").fill("stun:stun.example.org:3478");
      ui.field("Voice").selectOption("verse");
      ui.saveAndExpectVersion(1);
      assertThat(ui.historyEntry(1)).isVisible();
      assertThat(ui.historyEntries()).hasCount(1);
    }
  }

  @Test
  void theApiBasePropertyMirrorsTheAttributeAndDecidesWhereTheSettingsComeFrom() {
    String tenant = stack.newTenant();
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      assertThat(ui.element().evaluate("el => el.apiBase")).isEqualTo("../api/v1");
      ui.element().evaluate("el => { el.apiBase = '../api/v0-missing'; }");
      assertThat(ui.element()).hasAttribute("api-base", "../api/v0-missing");
      assertThat(ui.element().getByRole(AriaRole.ALERT))
          .hasText("The settings could not be loaded. The server answered with HTTP status 404.");
      assertThat(ui.button("Try again")).isVisible();
      assertThat(ui.field("Provider")).isHidden();

      ui.element().evaluate("el => el.setAttribute('api-base', '../api/v1')");
      assertThat(ui.field("Provider")).isVisible();
      assertThat(ui.meta()).containsText("platform defaults");
    }
  }

  @Test
  void editsIceServersRowByRow() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    try (SettingsPage ui = stack.open(tenant, "alice").loaded()) {
      ui.button("Add ICE server").click();
      Locator first = ui.element().getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("ICE server 1"));
      assertThat(first.getByLabel("URLs")).isFocused();
      first.getByLabel("URLs").fill("stun:one.example.org:3478");

      ui.button("Add ICE server").click();
      Locator second = ui.element().getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("ICE server 2"));
      second.getByLabel("URLs").fill("turn:two.example.org:3478, turns:two.example.org:5349");
      second.getByLabel("User name").fill("u2");
      second.getByLabel("Credential").fill("c2");

      ui.button("Remove ICE server 1").click();
      assertThat(second).hasCount(0);
      assertThat(first.getByLabel("URLs")).hasValue("turn:two.example.org:3478, turns:two.example.org:5349");
      assertThat(first.getByLabel("URLs")).isFocused();
      ui.saveAndExpectVersion(1);

      JsonNode servers = api.document().at("/settings/iceServers");
      assertThat(servers).hasSize(1);
      assertThat(servers.at("/0/urls").toString()).isEqualTo("[\"turn:two.example.org:3478\",\"turns:two.example.org:5349\"]");
      assertThat(servers.at("/0/username").asText()).isEqualTo("u2");
      assertThat(servers.at("/0/credential").asText()).isEqualTo("c2");

      ui.reload();
      assertThat(ui.element().getByLabel("URLs")).hasValue("turn:two.example.org:3478 turns:two.example.org:5349");
    }
  }
}
