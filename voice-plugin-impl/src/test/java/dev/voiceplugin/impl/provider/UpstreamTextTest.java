package dev.voiceplugin.impl.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamTextTest {

  @Test
  void redactsPrefixedKeysBearerTokensJwtsAndLongDigitRuns() {
    String text = UpstreamText.sanitize("keys sk-abc1234 sk-proj-A_b-9 ek_68af296e rk_live_x9y8 Bearer abc "
        + "eyJhbGciOi.eyJzdWIi.sig 0123456789abcdef0123456789abcdef end", List.of());

    assertThat(text).isEqualTo("keys [redacted] [redacted] [redacted] [redacted] [redacted] [redacted] [redacted] end");
  }

  @Test
  void redactsKnownSecretsWhateverTheirShape() {
    assertThat(UpstreamText.sanitize("key was hunter2-pass!", List.of("hunter2-pass!"))).isEqualTo("key was [redacted]");
  }

  @Test
  void keepsParameterPathsAndOrdinaryWords() {
    String message = "Unknown parameter: 'session.audio.input.turn_detection.idle_timeout_ms'. Desk-top asks_for it.";

    assertThat(UpstreamText.sanitize(message, List.of())).isEqualTo(message);
  }

  @Test
  void replacesControlAndBidiCharactersAndCapsTheLength() {
    assertThat(UpstreamText.sanitize("a\u0000b\r\nc\u202Ed\u001b[0m", List.of())).isEqualTo("a b c d [0m");
    assertThat(UpstreamText.sanitize("y".repeat(5000), List.of()))
        .hasSize(UpstreamText.MAX_MESSAGE_CHARS).endsWith("…");
  }

  @Test
  void identifiersPassOnlyWhenTheyLookLikeOneAndHoldNoSecret() {
    assertThat(UpstreamText.identifier("session.audio.output.voice", List.of())).isEqualTo("session.audio.output.voice");
    assertThat(UpstreamText.identifier("tools[0].name", List.of())).isEqualTo("tools[0].name");
    assertThat(UpstreamText.identifier("sk-proj-abcdef", List.of())).isEmpty();
    assertThat(UpstreamText.identifier("my-key-value", List.of("my-key-value"))).isEmpty();
    assertThat(UpstreamText.identifier("a b", List.of())).isEmpty();
    assertThat(UpstreamText.identifier("", List.of())).isEmpty();
  }
}
