package dev.voiceplugin.impl.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule rejects a bad value and names the field a person should fix. */
class SettingsValidatorTest {
  private final SettingsValidator validator = new SettingsValidator(200);

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("settings.provider", s -> s.putNull("provider")),
        rule("settings.azure", s -> s.put("provider", "azure")),
        rule("settings.azure.endpoint", s -> s.put("provider", "azure").putObject("azure").put("endpoint", "http://x.openai.azure.com").put("auth", "api-key")),
        rule("settings.azure.endpoint", s -> s.put("provider", "azure").putObject("azure").put("endpoint", "https://x.openai.azure.com/openai?x=1").put("auth", "api-key")),
        rule("settings.azure", s -> s.putObject("azure").put("endpoint", "https://x.openai.azure.com").put("auth", "api-key")),
        rule("settings.azure.endpoint", s -> s.put("provider", "azure").putObject("azure").put("endpoint", "https://collector.evil.example").put("auth", "api-key")),
        rule("settings.model", s -> s.put("model", "")),
        rule("settings.model", s -> s.put("model", "gpt realtime; drop")),
        rule("settings.voice", s -> s.put("voice", "fable")),
        rule("settings.outputModalities", s -> s.putArray("outputModalities")),
        rule("settings.outputModalities", s -> s.putArray("outputModalities").add("audio").add("text")),
        rule("settings.instructions", s -> s.put("instructions", "x".repeat(201))),
        rule("settings.instructions", s -> s.putNull("instructions")),
        rule("settings.turnDetection.threshold", s -> td(s).put("threshold", 1.1)),
        rule("settings.turnDetection.prefixPaddingMs", s -> td(s).put("prefixPaddingMs", -1)),
        rule("settings.turnDetection.silenceDurationMs", s -> td(s).put("silenceDurationMs", 10_001)),
        rule("settings.turnDetection.idleTimeoutMs", s -> td(s).put("idleTimeoutMs", 4_999)),
        rule("settings.turnDetection.idleTimeoutMs", s -> td(s).put("idleTimeoutMs", 30_001)),
        rule("settings.turnDetection", s -> td(s).putNull("threshold")),
        rule("settings.turnDetection.eagerness", s -> td(s).put("eagerness", "low")),
        rule("settings.turnDetection.eagerness", s -> td(s).put("type", "semantic_vad").putNull("threshold").putNull("prefixPaddingMs").putNull("silenceDurationMs")),
        rule("settings.turnDetection", s -> td(s).put("type", "semantic_vad").put("eagerness", "auto")),
        rule("settings.turnDetection", s -> s.putObject("turnDetection").put("type", "none").put("createResponse", true)),
        rule("settings.transcription.model", s -> s.putObject("transcription").put("model", "")),
        rule("settings.transcription.language", s -> s.putObject("transcription").put("model", "whisper-1").put("language", "English")),
        rule("settings.speed", s -> s.put("speed", 0.2)),
        rule("settings.speed", s -> s.put("speed", 1.6)),
        rule("settings.speed", s -> s.putNull("speed")),
        rule("settings.clientSecretTtlSeconds", s -> s.put("clientSecretTtlSeconds", 9)),
        rule("settings.clientSecretTtlSeconds", s -> s.put("clientSecretTtlSeconds", 7201)),
        rule("settings.iceServers[0].urls[0]", s -> s.putArray("iceServers").addObject().putArray("urls").add("http://stun.example.org")),
        rule("settings.iceServers[0].urls", s -> s.putArray("iceServers").addObject().putArray("urls")),
        rule("settings.noiseReduction", s -> s.putNull("noiseReduction")));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("rules")
  void rejectsAndNamesTheField(String field, Consumer<ObjectNode> change, String label) throws Exception {
    ObjectNode json = SettingsJson.defaults();
    change.accept(json);
    RealtimeSettings settings = Json.mapper().treeToValue(json, RealtimeSettings.class);
    List<FieldError> errors = validator.validate(settings, "settings.");
    assertThat(errors).extracting(FieldError::field).contains(field);
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
  }

  @ParameterizedTest(name = "accepts {0}")
  @MethodSource("validVariants")
  void acceptsEveryValidShape(String label, Consumer<ObjectNode> change) throws Exception {
    ObjectNode json = SettingsJson.defaults();
    change.accept(json);
    assertThat(validator.validate(Json.mapper().treeToValue(json, RealtimeSettings.class), "settings.")).isEmpty();
  }

  static Stream<Arguments> validVariants() {
    return Stream.of(
        Arguments.of("azure", (Consumer<ObjectNode>) s -> s.put("provider", "azure").putObject("azure").put("endpoint", "https://my-res.openai.azure.com/").put("auth", "entra-id")),
        Arguments.of("semantic vad", (Consumer<ObjectNode>) s -> s.putObject("turnDetection").put("type", "semantic_vad").put("eagerness", "high").put("createResponse", true).put("interruptResponse", false)),
        Arguments.of("no turn detection", (Consumer<ObjectNode>) s -> s.putObject("turnDetection").put("type", "none")),
        Arguments.of("custom voice, text only, finite tokens", (Consumer<ObjectNode>) s -> {
          s.put("voice", "voice_1234").put("maxOutputTokens", 4096).putArray("outputModalities").add("text");
        }),
        Arguments.of("transcription off, TURN server", (Consumer<ObjectNode>) s -> {
          s.putNull("transcription");
          s.putArray("iceServers").addObject().put("username", "u").put("credential", "c").putArray("urls").add("turns:turn.example.org:443");
        }));
  }

  private static Arguments rule(String field, Consumer<ObjectNode> change) {
    return Arguments.of(field, change, field);
  }

  private static ObjectNode td(ObjectNode s) {
    return (ObjectNode) s.get("turnDetection");
  }
}
