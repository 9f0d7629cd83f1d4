package dev.voiceplugin.impl.provider.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.calls.CreatedCall;
import dev.voiceplugin.impl.provider.calls.Sideband;
import dev.voiceplugin.impl.provider.calls.SidebandListener;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeLiveEvents;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GPT-Live's sideband: attached at {@code …/attach}, its events reach the listener, and the call is
 * ended with {@code session.close} (never the SIP-only REST hang-up), over the attached sideband or
 * one opened for the purpose, waiting for {@code session.closed} and its final usage.
 */
class LiveSidebandTest {
  private final LiveFixture fixture = new LiveFixture();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final List<Integer> closes = new CopyOnWriteArrayList<>();
  private final SidebandListener listener = new SidebandListener() {
    @Override
    public void onEvent(JsonNode event) {
      events.add(event);
    }

    @Override
    public void onClosed(int code, String reason) {
      closes.add(code);
    }
  };

  @AfterEach
  void close() {
    fixture.close();
  }

  private CreatedCall created() {
    return fixture.provider.create(LiveFixture.openAi(), LiveFixture.OPENAI, LiveFixture.OFFER, LiveFixture.USER).join();
  }

  @Test
  void eventsArriveAndEndingSendsSessionCloseAndWaitsForTheFinalUsage() throws Exception {
    CreatedCall call = created();
    Sideband sideband = fixture.provider.attach(LiveFixture.openAi(), LiveFixture.OPENAI, call.providerCallId(), listener).join();
    FakeCall session = fixture.fake.call(call.providerCallId()).awaitSideband();
    assertThat(fixture.fake.requests().stream().filter(r -> r.path().endsWith("/attach")).findFirst().orElseThrow().path())
        .isEqualTo("/v1/live/sessions/" + call.providerCallId() + "/attach");
    session.push(FakeLiveEvents.usageUpdated(3.5)).push(FakeLiveEvents.outputTranscriptDelta("Hello", 0, 400));
    await(() -> events.size() == 2, "two events");
    assertThat(events.get(0).at("/usage/seconds").asDouble()).isEqualTo(3.5);

    fixture.provider.end(LiveFixture.openAi(), LiveFixture.OPENAI, call.providerCallId(), Optional.of(sideband))
        .get(10, TimeUnit.SECONDS);

    assertThat(session.received()).extracting(e -> e.path("type").asText()).containsExactly("session.close");
    assertThat(session.sessionClosed()).hasValue("close_requested");
    // The end completes on session.closed; the test's own listener may hear of it a moment later under load.
    await(() -> "session.closed".equals(events.get(events.size() - 1).path("type").asText()), "session.closed delivered");
    await(() -> closes.equals(List.of(1000)), "the provider closing the sideband after session.closed");
    assertThat(fixture.fake.requests().stream().map(r -> r.path())).noneMatch(p -> p.endsWith("/hangup"));
  }

  @Test
  void withoutItsOwnSidebandTheCallIsClosedOverOneAttachedForThat() throws Exception {
    CreatedCall call = created();
    fixture.provider.hangup(LiveFixture.openAi(), LiveFixture.OPENAI, call.providerCallId()).get(10, TimeUnit.SECONDS);

    FakeCall session = fixture.fake.call(call.providerCallId());
    assertThat(session.sidebandCount()).isEqualTo(1);
    assertThat(session.awaitSessionClosed()).isEqualTo("close_requested");
    await(() -> !session.sidebandOpen(), "the temporary sideband closed");
    // Once closed there is no session to attach to: a second end fails as "no such call", nothing else.
    Throwable again = catchThrowable(() -> fixture.provider.hangup(LiveFixture.openAi(), LiveFixture.OPENAI,
        call.providerCallId()).join());
    assertThat(again.getCause()).isInstanceOf(ProviderException.class);
    assertThat(((ProviderException) again.getCause()).code()).isEqualTo("provider_call_not_found");
  }

  @Test
  void theOneMinuteWarningIsAnEventGptLiveAccepts() throws Exception {
    CreatedCall call = created();
    Sideband sideband = fixture.provider.attach(LiveFixture.openAi(), LiveFixture.OPENAI, call.providerCallId(), listener).join();
    sideband.send(fixture.provider.endingSoonEvent(LiveFixture.openAi())).get(5, TimeUnit.SECONDS);
    await(() -> events.stream().anyMatch(e -> e.path("type").asText().equals("session.commentary.appended")), "the ack");
    assertThat(fixture.provider.browserCanReconfigure(LiveFixture.openAi())).isFalse();
    sideband.close();
  }

  @Test
  void theProviderEndingTheSessionReachesTheListenerWithItsReasonAndUsage() throws Exception {
    CreatedCall call = created();
    fixture.provider.attach(LiveFixture.openAi(), LiveFixture.OPENAI, call.providerCallId(), listener).join();
    fixture.fake.call(call.providerCallId()).awaitSideband().endSession("expired");
    await(() -> closes.size() == 1, "the sideband closing");
    JsonNode closed = events.get(events.size() - 1);
    assertThat(closed.path("type").asText()).isEqualTo("session.closed");
    assertThat(closed.path("reason").asText()).isEqualTo("expired");
    assertThat(closed.at("/usage/seconds").isNumber()).isTrue();
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
