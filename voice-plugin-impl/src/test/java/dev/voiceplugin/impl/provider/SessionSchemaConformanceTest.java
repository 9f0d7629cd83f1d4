package dev.voiceplugin.impl.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.RealtimeSettings.NoiseReduction;
import dev.voiceplugin.impl.settings.TurnDetection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated JSON uses only what the published GA schemas (copied to test resources) allow. */
class SessionSchemaConformanceTest {
  private static final List<JsonNode> SPEC = OpenApiPropertyChecker.loadDocuments("/provider/openai-realtime-schemas.yaml");
  /** Document 1: openai/openai-openapi main, 2026-08. */
  private static final OpenApiPropertyChecker NEWEST = OpenApiPropertyChecker.of(SPEC.get(0), SPEC.get(0));
  /** Document 3: the 2025-11 GA spec; it predates custom voices. */
  private static final OpenApiPropertyChecker LAUNCH = OpenApiPropertyChecker.of(SPEC.get(2), SPEC.get(0));

  static Stream<Arguments> combinations() {
    return Stream.of(
        Arguments.of("defaults: server_vad, audio, inf, transcription and noise reduction off", TestSettings.openAi().build()),
        Arguments.of("manual turns with transcription and noise reduction off", TestSettings.openAi()
            .turnDetection(TurnDetection.none()).noiseReduction(NoiseReduction.OFF).build()),
        Arguments.of("server_vad with idle timeout, near field", TestSettings.openAi()
            .turnDetection(TestSettings.serverVadWithIdleTimeout(30_000)).noiseReduction(NoiseReduction.NEAR_FIELD).build()),
        Arguments.of("semantic_vad, far field, transcription with language and prompt", TestSettings.openAi()
            .turnDetection(TestSettings.semanticVad(TurnDetection.Eagerness.LOW)).noiseReduction(NoiseReduction.FAR_FIELD)
            .transcription("gpt-4o-transcribe", "fr", "noms de produits").build()),
        Arguments.of("manual turns, text only, 4096 tokens, slow speech", TestSettings.openAi()
            .turnDetection(TurnDetection.none()).textOnly().maxOutputTokens(4096).speed(0.25).build()),
        Arguments.of("custom voice, transcription without options, ttl 7200", TestSettings.openAi()
            .voice("voice_1234").transcription("whisper-1", null, null).ttlSeconds(7200).build()),
        Arguments.of("azure deployment, blank instructions, 1 token, ttl 10", TestSettings
            .azure("https://acme.openai.azure.com", dev.voiceplugin.impl.settings.AzureSettings.AzureAuth.API_KEY, "my-rt")
            .instructions("").maxOutputTokens(1).ttlSeconds(10).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void mintBodyConformsToRealtimeCreateClientSecretRequest(String name, RealtimeSettings settings) {
    JsonNode body = RealtimeSessionConfig.clientSecretRequest(settings);

    assertThat(NEWEST.violations(body, "RealtimeCreateClientSecretRequest")).isEmpty();
    assertThat(NEWEST.violations(body.get("session"), "RealtimeSessionCreateRequestGA")).isEmpty();
    if (!settings.customVoice()) {
      assertThat(LAUNCH.violations(body, "RealtimeCreateClientSecretRequest")).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void sessionUpdateConformsToRealtimeClientEventSessionUpdate(String name, RealtimeSettings settings) {
    assertThat(NEWEST.violations(RealtimeSessionConfig.sessionUpdateEvent(settings), "RealtimeClientEventSessionUpdate"))
        .isEmpty();
  }

  @Test
  void checkerRejectsBetaFieldsSoTheConformanceTestsMeanSomething() {
    ObjectNode body = RealtimeSessionConfig.clientSecretRequest(TestSettings.openAi().voice("voice_1").build());
    ObjectNode session = (ObjectNode) body.get("session");
    session.put("temperature", 0.8).put("voice", "alloy").putArray("modalities").add("audio");
    ((ObjectNode) session.at("/audio/input")).put("format", "pcm16");
    ((ObjectNode) session.at("/audio/output/voice")).put("name", "extra");
    body.put("workflow", "x");

    assertThat(NEWEST.violations(body, "RealtimeCreateClientSecretRequest")).anySatisfy(v -> assertThat(v)
        .contains("unknown property 'workflow'"));
    assertThat(NEWEST.violations(session, "RealtimeSessionCreateRequestGA")).anySatisfy(v -> assertThat(v)
        .contains("'temperature'")).anySatisfy(v -> assertThat(v).contains("'modalities'"))
        .anySatisfy(v -> assertThat(v).contains("unknown property 'voice'")).anySatisfy(v -> assertThat(v).contains("format"))
        .anySatisfy(v -> assertThat(v).contains("unknown property 'name'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void noPropertyIsNullExceptTurnDetectionForManualTurns(String name, RealtimeSettings settings) {
    // turn_detection is the one field whose schema has a "null" alternative, and it must be sent:
    // left out, the provider would apply its default server_vad instead of manual turns.
    List<String> allowed = settings.turnDetection().type() == TurnDetection.Type.NONE
        ? List.of("$.session.audio.input.turn_detection") : List.of();
    assertThat(nullPaths(RealtimeSessionConfig.clientSecretRequest(settings), "$")).isEqualTo(allowed);
    assertThat(nullPaths(RealtimeSessionConfig.sessionUpdateEvent(settings), "$")).isEqualTo(allowed);
  }

  @Test
  void checkerRejectsNullWhereTheSchemaTypesAnObject() {
    ObjectNode body = RealtimeSessionConfig.clientSecretRequest(TestSettings.openAi().build());
    ((ObjectNode) body.at("/session/audio/input")).putNull("transcription").putNull("noise_reduction");

    assertThat(NEWEST.violations(body, "RealtimeCreateClientSecretRequest"))
        .anySatisfy(v -> assertThat(v).contains("transcription: null is not allowed"))
        .anySatisfy(v -> assertThat(v).contains("noise_reduction: null is not allowed"));
  }

  private static List<String> nullPaths(JsonNode node, String path) {
    List<String> paths = new java.util.ArrayList<>();
    if (node.isNull()) {
      paths.add(path);
    }
    node.fields().forEachRemaining(f -> paths.addAll(nullPaths(f.getValue(), path + "." + f.getKey())));
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      paths.addAll(nullPaths(node.get(i), path + "[" + i + "]"));
    }
    return paths;
  }

  @Test
  void checkerRejectsOutOfRangeValuesAndAModelInSessionUpdate() {
    ObjectNode body = RealtimeSessionConfig.clientSecretRequest(TestSettings.openAi().build());
    ((ObjectNode) body.get("expires_after")).put("seconds", 7201);
    ((ObjectNode) body.at("/session/audio/input/turn_detection")).put("idle_timeout_ms", 100).put("eagerness", "low");

    assertThat(NEWEST.violations(body, "RealtimeCreateClientSecretRequest"))
        .anySatisfy(v -> assertThat(v).contains("7201 is above"))
        .anySatisfy(v -> assertThat(v).contains("turn_detection"));
  }
}
