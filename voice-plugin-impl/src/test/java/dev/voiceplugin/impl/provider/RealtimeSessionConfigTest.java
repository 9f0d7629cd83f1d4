package dev.voiceplugin.impl.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.settings.RealtimeSettings.NoiseReduction;
import dev.voiceplugin.impl.settings.TurnDetection;
import dev.voiceplugin.impl.web.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealtimeSessionConfigTest {

  @Test
  void mintBodyCarriesExpiryAndTheFullGaSessionWithServerVadAndIdleTimeout() {
    var settings = TestSettings.openAi().ttlSeconds(120).turnDetection(TestSettings.serverVadWithIdleTimeout(6000))
        .noiseReduction(NoiseReduction.NEAR_FIELD).speed(1.25).build();

    assertThat(RealtimeSessionConfig.clientSecretRequest(settings)).isEqualTo(json("""
        {"expires_after": {"anchor": "created_at", "seconds": 120},
         "session": {"type": "realtime", "model": "gpt-realtime",
           "instructions": "You help administrators of the Acme shop.",
           "output_modalities": ["audio"],
           "audio": {
             "input": {
               "turn_detection": {"type": "server_vad", "threshold": 0.6, "prefix_padding_ms": 200,
                 "silence_duration_ms": 700, "idle_timeout_ms": 6000, "create_response": true, "interrupt_response": false},
               "noise_reduction": {"type": "near_field"}},
             "output": {"voice": "marin", "speed": 1.25}},
           "max_output_tokens": "inf"}}
        """));
  }

  @Test
  void serverVadWithoutIdleTimeoutLeavesTheFieldOut() {
    var session = RealtimeSessionConfig.mintSession(TestSettings.openAi().build());

    assertThat(session.at("/audio/input/turn_detection")).isEqualTo(json("""
        {"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300, "silence_duration_ms": 500,
         "create_response": true, "interrupt_response": true}
        """));
  }

  @Test
  void semanticVadSendsOnlyEagernessAndTheResponseFlags() {
    var session = RealtimeSessionConfig.mintSession(
        TestSettings.openAi().turnDetection(TestSettings.semanticVad(TurnDetection.Eagerness.HIGH)).build());

    assertThat(session.at("/audio/input/turn_detection")).isEqualTo(json("""
        {"type": "semantic_vad", "eagerness": "high", "create_response": false, "interrupt_response": true}
        """));
  }

  @Test
  void turnDetectionNoneIsAnExplicitNullSoManualTurnsReplaceTheServerDefault() {
    var session = RealtimeSessionConfig.mintSession(TestSettings.openAi().turnDetection(TurnDetection.none()).build());

    assertThat(session.at("/audio/input").has("turn_detection")).isTrue();
    assertThat(session.at("/audio/input/turn_detection").isNull()).isTrue();
  }

  @Test
  void transcriptionSendsLanguageAndPromptOnlyWhenSet() {
    var full = RealtimeSessionConfig.mintSession(
        TestSettings.openAi().transcription("gpt-4o-mini-transcribe", "de", "Shop terms: SKU, Warenkorb").build());
    var bare = RealtimeSessionConfig.mintSession(TestSettings.openAi().transcription("whisper-1", null, null).build());
    var off = RealtimeSessionConfig.mintSession(TestSettings.openAi().build());

    assertThat(full.at("/audio/input/transcription")).isEqualTo(json("""
        {"model": "gpt-4o-mini-transcribe", "language": "de", "prompt": "Shop terms: SKU, Warenkorb"}
        """));
    assertThat(bare.at("/audio/input/transcription")).isEqualTo(json("{\"model\": \"whisper-1\"}"));
    assertThat(off.at("/audio/input").has("transcription")).as("off is left out, not null").isFalse();
    assertThat(off.at("/audio/input").has("noise_reduction")).as("off is left out, not null").isFalse();
  }

  @Test
  void customVoiceIsSentAsAnIdObjectAndBuiltInVoiceAsAName() {
    var custom = RealtimeSessionConfig.mintSession(TestSettings.openAi().voice("voice_abc123").build());
    var builtIn = RealtimeSessionConfig.mintSession(TestSettings.openAi().voice("cedar").build());

    assertThat(custom.at("/audio/output/voice")).isEqualTo(json("{\"id\": \"voice_abc123\"}"));
    assertThat(builtIn.at("/audio/output/voice")).isEqualTo(json("\"cedar\""));
  }

  @Test
  void textOnlyOutputAndANumericTokenLimit() {
    var session = RealtimeSessionConfig.mintSession(TestSettings.openAi().textOnly().maxOutputTokens(512).build());

    assertThat(session.get("output_modalities")).isEqualTo(json("[\"text\"]"));
    assertThat(session.get("max_output_tokens")).isEqualTo(json("512"));
  }

  @Test
  void blankInstructionsAreLeftOutSoTheProviderDefaultApplies() {
    var session = RealtimeSessionConfig.mintSession(TestSettings.openAi().instructions("  ").build());

    assertThat(session.has("instructions")).isFalse();
  }

  @Test
  void sessionUpdateEventIsTheSameSessionWithoutModel() {
    var settings = TestSettings.openAi().transcription("gpt-4o-transcribe", "en", null).build();
    JsonNode event = RealtimeSessionConfig.sessionUpdateEvent(settings);
    var expected = RealtimeSessionConfig.mintSession(settings);
    expected.remove("model");

    assertThat(event.get("type").asText()).isEqualTo("session.update");
    assertThat(event.get("session")).isEqualTo(expected);
    assertThat(event.get("session").has("model")).isFalse();
  }

  @Test
  void neverSendsBetaOnlyFields() {
    var settings = TestSettings.openAi().transcription("whisper-1", "en", "x").textOnly().maxOutputTokens(10).build();
    String text = RealtimeSessionConfig.clientSecretRequest(settings).toString()
        + RealtimeSessionConfig.sessionUpdateEvent(settings);

    for (String beta : List.of("\"modalities\"", "\"temperature\"", "\"input_audio_format\"", "\"output_audio_format\"",
        "\"input_audio_transcription\"", "\"input_audio_noise_reduction\"", "\"max_response_output_tokens\"",
        "\"client_secret\"")) {
      assertThat(text).doesNotContain(beta);
    }
    assertThat(RealtimeSessionConfig.mintSession(settings).has("voice")).isFalse();
    assertThat(RealtimeSessionConfig.mintSession(settings).has("turn_detection")).isFalse();
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
