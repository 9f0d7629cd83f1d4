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
        rule("settings.noiseReduction", s -> s.putNull("noiseReduction")),
        // Models become a URL path segment in the connection test (GET /v1/models/{model}).
        rule("settings.model", s -> s.put("model", "..")),
        rule("settings.model", s -> s.put("model", ".")),
        rule("settings.model", s -> s.put("model", "gpt..realtime")),
        rule("settings.model", s -> s.put("model", "-realtime")),
        rule("settings.model", s -> s.put("model", "a".repeat(129))),
        rule("settings.transcription.model", s -> s.putObject("transcription").put("model", "..")),
        rule("settings.azure.endpoint", s -> azure(s, "https://x.openai.azure.com:0")),
        rule("settings.azure.endpoint", s -> azure(s, "https://x.openai.azure.com:99999")),
        rule("settings.azure.endpoint", s -> azure(s, "https://x.openai.azure.com:65536/")));
  }

  /** U+0000 cannot be stored at all and a lone surrogate became '?': both are named errors. */
  static Stream<Arguments> badCharacters() {
    List<Arguments> cases = new java.util.ArrayList<>();
    for (String bad : List.of("nul \\u0000 inside", "lone \\ud800 high", "lone \\udc00 low", "reversed \\udc00\\ud800 pair")) {
      String text = unescape(bad);
      cases.add(Arguments.of("settings.instructions", (Consumer<ObjectNode>) s -> s.put("instructions", text), bad));
      cases.add(Arguments.of("settings.transcription.prompt",
          (Consumer<ObjectNode>) s -> s.putObject("transcription").put("model", "whisper-1").put("prompt", text), bad));
      cases.add(Arguments.of("settings.iceServers[0].urls[0]",
          (Consumer<ObjectNode>) s -> s.putArray("iceServers").addObject().putArray("urls").add("turn:" + text.replace(' ', 'x')), bad));
      cases.add(Arguments.of("settings.iceServers[0].username", (Consumer<ObjectNode>) s -> turn(s).put("username", text), bad));
      cases.add(Arguments.of("settings.iceServers[0].credential", (Consumer<ObjectNode>) s -> turn(s).put("credential", text), bad));
    }
    cases.add(Arguments.of("settings.iceServers[0].credential", (Consumer<ObjectNode>) s -> turn(s).put("credential", "a\nb"), "line break"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("badCharacters")
  void rejectsCharactersThatCannotBeStoredAndNamesTheField(String field, Consumer<ObjectNode> change, String label) throws Exception {
    ObjectNode json = SettingsJson.defaults();
    change.accept(json);
    List<FieldError> errors = validator.validate(Json.mapper().treeToValue(json, RealtimeSettings.class), "settings.");
    assertThat(errors).filteredOn(e -> e.field().equals(field)).isNotEmpty()
        .allSatisfy(e -> assertThat(e.code()).isIn("invalid_character", "invalid_format"));
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
        Arguments.of("fine-tuned model name", (Consumer<ObjectNode>) s -> s.put("model", "ft:gpt-4o-mini:acme:custom:abc123")),
        Arguments.of("dated model, dotted transcription model", (Consumer<ObjectNode>) s -> {
          s.put("model", "gpt-realtime-2025-08-28").putObject("transcription").put("model", "gpt-4o-mini-transcribe.v2");
        }),
        Arguments.of("azure deployment with port 443", (Consumer<ObjectNode>) s -> {
          s.put("model", "rt_prod.v2").put("provider", "azure").putObject("azure").put("endpoint", "https://my-res.openai.azure.com:443").put("auth", "api-key");
        }),
        Arguments.of("multi-line instructions with an emoji (a surrogate pair)", (Consumer<ObjectNode>) s -> {
          s.put("instructions", "Line one\n\tLine two \uD83D\uDE00");
          s.putObject("transcription").put("model", "whisper-1").put("prompt", "Zo\u00eb, \uD83D\uDE80\nSKU");
        }),
        Arguments.of("transcription off, TURN server", (Consumer<ObjectNode>) s -> {
          s.putNull("transcription");
          s.putArray("iceServers").addObject().put("username", "u").put("credential", "c").putArray("urls").add("turns:turn.example.org:443");
        }));
  }

  private static Arguments rule(String field, Consumer<ObjectNode> change) {
    return Arguments.of(field, change, field);
  }

  private static ObjectNode azure(ObjectNode s, String endpoint) {
    return s.put("provider", "azure").putObject("azure").put("endpoint", endpoint).put("auth", "api-key");
  }

  private static ObjectNode turn(ObjectNode s) {
    ObjectNode server = s.putArray("iceServers").addObject();
    server.putArray("urls").add("turn:turn.example.org:3478");
    return server;
  }

  /** Resolves the JSON-style {@code \\uXXXX} escapes of the labels (Java's translateEscapes leaves them). */
  private static String unescape(String text) {
    return java.util.regex.Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(text)
        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
  }

  private static ObjectNode td(ObjectNode s) {
    return (ObjectNode) s.get("turnDetection");
  }
}
