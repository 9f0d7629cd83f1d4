package dev.voiceplugin.impl.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GPT-Live's settings: its own fields are checked, and every Realtime-only field is refused by
 * name (GPT-Live rejects unknown fields, so sending one would fail every call, and dropping one
 * would silently ignore what the admin chose).
 */
class LiveSettingsValidatorTest {
  private final SettingsValidator validator = new SettingsValidator(200, 300, AzureEndpointPolicy.DEFAULT);

  /** A valid openai-live document as the settings screen sends it: Realtime-only fields null. */
  static ObjectNode live() {
    ObjectNode s = SettingsJson.defaults();
    s.put("provider", "openai-live").put("model", "gpt-live-1.1").put("voice", "marin");
    for (String field : List.of("outputModalities", "turnDetection", "transcription", "noiseReduction", "speed", "maxOutputTokens",
        "clientSecretTtlSeconds")) {
      s.putNull(field);
    }
    ObjectNode live = s.putObject("live");
    live.putObject("delegation").put("type", "off");
    live.putArray("browserEvents").add("session.input_audio.mute").add("session.input_audio.unmute");
    return s;
  }

  private List<FieldError> errors(ObjectNode json) throws Exception {
    return validator.validate(Json.mapper().treeToValue(json, RealtimeSettings.class), "settings.");
  }

  @Test
  void acceptsAGptLiveDocumentAndDefaultsItsOwnPart() throws Exception {
    assertThat(errors(live())).isEmpty();
    ObjectNode withoutLive = live();
    withoutLive.putNull("live");
    RealtimeSettings settings = Json.mapper().treeToValue(withoutLive, RealtimeSettings.class);
    assertThat(settings.live()).isEqualTo(LiveSettings.DEFAULTS);
    assertThat(validator.validate(settings, "settings.")).isEmpty();
  }

  static Stream<Arguments> realtimeOnly() {
    ObjectNode realtime = SettingsJson.defaults();
    return Stream.of("outputModalities", "turnDetection", "transcription", "noiseReduction", "speed", "maxOutputTokens",
        "clientSecretTtlSeconds").map(field -> Arguments.of(field, realtime.get(field)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realtimeOnly")
  void refusesEachRealtimeOnlyFieldByName(String field, com.fasterxml.jackson.databind.JsonNode realtimeValue) throws Exception {
    ObjectNode json = live();
    json.set(field, realtimeValue.isNull() ? Json.mapper().createObjectNode().put("model", "whisper-1") : realtimeValue);
    List<FieldError> errors = errors(json);
    assertThat(errors).extracting(FieldError::field).containsExactly("settings." + field);
    assertThat(errors.get(0).code()).isEqualTo("not_supported_by_provider");
    assertThat(errors.get(0).message()).contains("not a GPT-Live setting").contains("openai-live");
  }

  @Test
  void theRealtimeProvidersStillRequireTheirFieldsAndRefuseGptLivesOwn() throws Exception {
    ObjectNode json = SettingsJson.defaults();
    json.putNull("speed").putNull("turnDetection");
    json.putObject("live").putObject("delegation").put("type", "off");
    ((ObjectNode) json.get("live")).putArray("browserEvents");
    assertThat(errors(json)).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("settings.live", "not_supported_by_provider"),
        org.assertj.core.groups.Tuple.tuple("settings.speed", "required"),
        org.assertj.core.groups.Tuple.tuple("settings.turnDetection", "required"));
  }

  static Stream<Arguments> liveRules() {
    return Stream.of(
        rule("settings.connectionMode", "not_supported_by_provider", s -> s.put("connectionMode", "browser")),
        rule("settings.model", "invalid_model_for_provider", s -> s.put("model", "gpt-realtime")),
        rule("settings.voice", "unknown_voice", s -> s.put("voice", "fable")),
        rule("settings.instructions", "too_long", s -> s.put("instructions", "x".repeat(301))),
        rule("settings.live.delegation.model", "required", s -> delegation(s).put("type", "responses")),
        rule("settings.live.delegation.model", "not_supported", s -> delegation(s).put("model", "gpt-5.5")),
        rule("settings.live.delegation.webSearch", "not_supported", s -> delegation(s).put("webSearch", true)),
        rule("settings.live.delegation.model", "invalid_format", s -> delegation(s).put("type", "responses").put("model", "a b")),
        rule("settings.live.browserEvents[2]", "not_allowed", s -> events(s).add("session.close")),
        rule("settings.live.browserEvents[2]", "duplicate", s -> events(s).add("session.input_audio.mute")),
        rule("settings.azure", "inconsistent", s -> s.put("provider", "azure-live")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("liveRules")
  void checksGptLivesOwnRules(String field, String code, Consumer<ObjectNode> change) throws Exception {
    ObjectNode json = live();
    change.accept(json);
    assertThat(errors(json)).extracting(FieldError::field, FieldError::code).contains(org.assertj.core.groups.Tuple.tuple(field, code));
  }

  @ParameterizedTest
  @ValueSource(strings = {"beacon", "willow", "marin", "voice_custom_42"})
  void gptLiveHasItsOwnVoices(String voice) throws Exception {
    assertThat(errors(live().put("voice", voice))).isEmpty();
    ObjectNode realtime = SettingsJson.defaults().put("voice", voice);
    boolean realtimeKnows = RealtimeSettings.BUILT_IN_VOICES.contains(voice) || voice.startsWith("voice_");
    assertThat(errors(realtime).isEmpty()).as("the Realtime API knows " + voice).isEqualTo(realtimeKnows);
  }

  @Test
  void instructionsHaveTheLimitOfTheChosenProvider() throws Exception {
    String text = "x".repeat(250); // over the Realtime limit of 200, within GPT-Live's 300
    assertThat(errors(live().put("instructions", text))).isEmpty();
    assertThat(errors(SettingsJson.defaults().put("instructions", text))).extracting(FieldError::code).containsExactly("too_long");
  }

  @Test
  void aGptLiveModelIsRefusedForTheRealtimeApiAndAResponsesDelegationIsAccepted() throws Exception {
    assertThat(errors(SettingsJson.defaults().put("model", "gpt-live-1"))).extracting(FieldError::code)
        .containsExactly("invalid_model_for_provider");
    ObjectNode json = live();
    delegation(json).put("type", "responses").put("model", "gpt-5.5").put("webSearch", true);
    assertThat(errors(json)).isEmpty();
    ObjectNode azure = live().put("provider", "azure-live").put("model", "my-live-deployment");
    azure.putObject("azure").put("endpoint", "https://res.openai.azure.com").put("auth", "api-key");
    assertThat(errors(azure)).isEmpty();
  }

  private static Arguments rule(String field, String code, Consumer<ObjectNode> change) {
    return Arguments.of(field, code, change);
  }

  private static ObjectNode delegation(ObjectNode s) {
    return (ObjectNode) s.get("live").get("delegation");
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode events(ObjectNode s) {
    return (com.fasterxml.jackson.databind.node.ArrayNode) s.get("live").get("browserEvents");
  }
}
