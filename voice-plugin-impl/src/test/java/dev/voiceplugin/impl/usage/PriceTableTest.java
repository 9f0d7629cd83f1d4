package dev.voiceplugin.impl.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Token prices keep their format; GPT-Live's per-second prices sit beside them; nothing unpriced gets a guess. */
class PriceTableTest {
  private static final String TABLE = "{\"gpt-realtime\":{\"inputText\":4,\"inputAudio\":32,\"inputCached\":0.4,\"outputText\":16,"
      + "\"outputAudio\":64},\"gpt-live-1\":{\"perSecond\":0.001},\"gpt-live-1.1\":{\"perSecond\":0.001,\"standbyPerSecond\":0.0004}}";
  private final PriceTable prices = PriceTable.parse(Optional.of(TABLE));

  @Test
  void theTokenFormatStillPricesRealtimeCalls() {
    // 1M uncached audio in at 32 + 1M audio out at 64
    assertThat(prices.estimate("gpt-realtime", 0, 1_000_000, 0, 0, 1_000_000)).hasValueSatisfying(c -> assertThat(c).isEqualTo(96.0));
  }

  @Test
  void gptLiveSecondsArePricedPerSecondWithStandbyAtItsOwnRate() {
    assertThat(prices.estimate("gpt-live-1", 0, 0, 0, 0, 0, 90, 0)).hasValueSatisfying(c -> assertThat(c).isCloseTo(0.09, within()));
    // 100 s of which 50 standby: 50 × 0.001 + 50 × 0.0004
    assertThat(prices.estimate("gpt-live-1.1", 0, 0, 0, 0, 0, 100, 50)).hasValueSatisfying(c -> assertThat(c).isCloseTo(0.07, within()));
    // standby defaults to the active price when the entry has none
    assertThat(prices.estimate("gpt-live-1", 0, 0, 0, 0, 0, 100, 50)).hasValueSatisfying(c -> assertThat(c).isCloseTo(0.1, within()));
  }

  @Test
  void usageOfAKindTheEntryDoesNotPriceHasNoEstimate() {
    assertThat(prices.estimate("gpt-live-1", 10, 0, 0, 5, 0, 30, 0)).as("tokens at a seconds-only model").isEmpty();
    assertThat(prices.estimate("gpt-realtime", 10, 0, 0, 5, 0, 30, 0)).as("seconds at a tokens-only model").isEmpty();
    assertThat(prices.estimate("gpt-5.5", 10, 0, 0, 5, 0)).as("a model the table does not list").isEmpty();
    assertThat(prices.estimate("gpt-live-1", 0, 0, 0, 0, 0, 0, 0)).hasValue(0.0);
  }

  @Test
  void anEntryWithoutAnyPriceOrWithANegativeOneIsAConfigurationError() {
    assertThatThrownBy(() -> PriceTable.parse(Optional.of("{\"m\":{}}"))).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("inputText").hasMessageContaining("perSecond");
    assertThatThrownBy(() -> PriceTable.parse(Optional.of("{\"m\":{\"perSecond\":-1}}")))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("perSecond");
    assertThatThrownBy(() -> PriceTable.parse(Optional.of("{\"m\":{\"standbyPerSecond\":0.1}}")))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("perSecond");
    assertThatThrownBy(() -> PriceTable.parse(Optional.of("{\"m\":{\"inputText\":1}}")))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("inputAudio");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
