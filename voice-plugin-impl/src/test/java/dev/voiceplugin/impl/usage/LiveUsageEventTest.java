package dev.voiceplugin.impl.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.web.Json;
import org.junit.jupiter.api.Test;

/** What GPT-Live's sideband events bill: cumulative session seconds, and a delegated backend request's tokens. */
class LiveUsageEventTest {
  private static UsageEvent from(String json) throws Exception {
    return UsageEvent.from(Json.mapper().readTree(json)).orElseThrow();
  }

  @Test
  void sessionSecondsAreARunningTotalFromUsageUpdatesAndTheClose() throws Exception {
    UsageEvent update = from("{\"type\":\"session.usage.updated\",\"event_id\":\"e1\",\"usage\":{\"seconds\":12.5}}");
    assertThat(update.cumulative()).isTrue();
    assertThat(update.sessionSeconds()).isEqualTo(12.5);
    assertThat(update.standbySeconds()).isZero();
    assertThat(update.totalTokens()).isZero();
    UsageEvent closed = from("{\"type\":\"session.closed\",\"event_id\":\"e2\",\"reason\":\"close_requested\","
        + "\"usage\":{\"seconds\":40,\"standby_seconds\":55}}");
    assertThat(closed.sessionSeconds()).isEqualTo(40);
    assertThat(closed.standbySeconds()).as("never more than the session's seconds").isEqualTo(40);
    assertThat(UsageEvent.from(Json.mapper().readTree("{\"type\":\"session.closed\",\"reason\":\"expired\"}"))).isEmpty();
  }

  @Test
  void aDelegatedResponseBillsItsTokensAtItsBackendModel() throws Exception {
    UsageEvent e = from("{\"type\":\"response.event\",\"delegation_id\":\"del_1\",\"event\":{\"type\":\"response.completed\","
        + "\"response\":{\"id\":\"resp_9\",\"model\":\"gpt-5.5\",\"usage\":{\"input_tokens\":300,\"input_tokens_details\":"
        + "{\"cached_tokens\":100},\"output_tokens\":50,\"output_tokens_details\":{\"reasoning_tokens\":20},\"total_tokens\":350}}}}");
    assertThat(e.key()).isEqualTo("response:resp_9");
    assertThat(e.cumulative()).isFalse();
    assertThat(e.model()).isEqualTo("gpt-5.5");
    assertThat(e.inputTokens()).isEqualTo(300);
    assertThat(e.inputCached()).isEqualTo(100);
    assertThat(e.outputText()).isEqualTo(50);
    UsageEvent unnamed = from("{\"type\":\"response.event\",\"event\":{\"type\":\"response.completed\",\"response\":"
        + "{\"id\":\"resp_10\",\"model\":\"../x\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}}");
    assertThat(unnamed.model()).isEqualTo(LiveUsage.UNNAMED_BACKEND);
    assertThat(UsageEvent.from(Json.mapper().readTree("{\"type\":\"response.event\",\"event\":{\"type\":"
        + "\"response.output_text.delta\",\"delta\":\"hi\"}}"))).isEmpty();
  }
}
