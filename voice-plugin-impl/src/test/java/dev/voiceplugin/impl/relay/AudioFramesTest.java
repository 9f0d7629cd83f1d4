package dev.voiceplugin.impl.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path accepts only what the careful path would, and measures audio as it does. */
class AudioFramesTest {
  @Test
  void aPlainAppendIsRecognisedInAnyFieldOrder() {
    assertThat(AudioFrames.isPlainAppend("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}")).isTrue();
    assertThat(AudioFrames.isPlainAppend("{\"audio\":\"AAAA\",\"event_id\":\"e1\",\"type\":\"input_audio_buffer.append\"}")).isTrue();
    assertThat(AudioFrames.isPlainAppend(" {\"type\" : \"input_audio_buffer.append\" , \"audio\":\"\"} ")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"input_audio_buffer.append\"}",
      "{\"type\":\"input_audio_buffer.append\",\"audio\":1}",
      "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\",\"session\":{}}",
      "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\",\"type\":\"session.update\"}",
      "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\",\"audio\":\"BBBB\"}",
      "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\",\"event_id\":{\"a\":1}}",
      "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"} {}",
      "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"",
      "{\"type\":\"response.create\"}",
      "[\"input_audio_buffer.append\"]",
      "not json"})
  void anythingElseGoesTheCarefulWay(String text) {
    assertThat(AudioFrames.isPlainAppend(text)).isFalse();
  }

  @Test
  void whatTheFastPathRefusesTheCarefulPathStillJudges() {
    AudioLedger ledger = new AudioLedger();
    assertThat(ClientEventPolicy.inspect("{\"type\":\"input_audio_buffer.append\",\"audio\":1}", ledger))
        .isInstanceOf(ClientEventPolicy.Refuse.class);
    assertThat(ClientEventPolicy.inspect("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\",\"session\":{}}", ledger))
        .isInstanceOf(ClientEventPolicy.Refuse.class);
    assertThat(ClientEventPolicy.inspect("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"} x", ledger))
        .isInstanceOf(ClientEventPolicy.Invalid.class);
    String plain = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}";
    assertThat(ClientEventPolicy.inspect(plain, ledger)).isEqualTo(new ClientEventPolicy.Forward(plain));
  }

  @Test
  void anAudioDeltaIsMeasuredWithoutATree() {
    String text = "{\"type\":\"response.output_audio.delta\",\"event_id\":\"e\",\"response_id\":\"r\",\"item_id\":\"item_1\","
        + "\"output_index\":0,\"content_index\":0,\"delta\":\"AAAAAA==\",\"extra\":{\"nested\":[1,{\"delta\":\"x\"}]}}";
    assertThat(AudioFrames.outputDelta(text)).isEqualTo(new AudioFrames.Delta("item_1", 8, 2));
    assertThat(AudioFrames.outputDelta("{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"AAAAAAA=\"}"))
        .isEqualTo(new AudioFrames.Delta("i", 8, 1));
    assertThat(AudioFrames.outputDelta("{\"delta\":\"AAAA\",\"type\":\"response.output_audio.delta\"}"))
        .isEqualTo(new AudioFrames.Delta("", 4, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\"}",
      "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":7}",
      "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"AA\",\"delta\":\"BB\"}",
      "{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"item_id\":\"j\",\"delta\":\"AA\"}",
      "{\"type\":\"response.output_audio.delta\",\"type\":\"session.updated\",\"delta\":\"AA\"}",
      "{\"type\":\"response.done\",\"delta\":\"AA\"}",
      "{\"type\":\"response.output_audio.delta\",\"delta\":\"AA\"}}",
      "garbage"})
  void otherProviderMessagesAreReadInFull(String text) {
    assertThat(AudioFrames.outputDelta(text)).isNull();
  }

  @Test
  void theLedgerCountsTheSameEitherWay() {
    AudioLedger fast = new AudioLedger();
    AudioLedger careful = new AudioLedger();
    String audio = "A".repeat(4796) + "AA==";
    ServerEvents read = ServerEvents.read("{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\",\"delta\":\"" + audio + "\"}", fast);
    assertThat(read.type()).isEqualTo("response.output_audio.delta");
    assertThat(read.event()).isNull();
    assertThat(read.forSupervisor()).isFalse();
    // The careful path, for the same delta (a repeated item_id sends it there; the tree keeps the last).
    ServerEvents.read("{\"type\":\"response.output_audio.delta\",\"item_id\":\"j\",\"item_id\":\"i\",\"delta\":\"" + audio + "\"}",
        careful);
    assertThat(fast.forwardedMs("i")).isEqualTo(careful.forwardedMs("i")).isEqualTo(3598 / 48);
  }
}
