package dev.voiceplugin.impl.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.RelayClient;
import dev.voiceplugin.impl.testing.fake.FakeEvents;
import dev.voiceplugin.impl.testing.fake.FakeStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the relay keeps across a session's edges: the browser's events in the order it sent them,
 * across the wait for the confirmation; and the usage of an answer the browser left in the middle of.
 */
class RelayOrderTest {
  static RelayTestSupport t;
  static final Duration WAIT = Duration.ofSeconds(15);

  @BeforeAll
  static void start() {
    t = new RelayTestSupport(Map.of());
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void messagesHeldUntilTheSessionIsConfirmedReachTheProviderBeforeAnyLaterOne() throws Exception {
    t.fake.confirmStreams(false);
    int before = t.fake.streams().size();
    try (RelayClient browser = RelayClient.connect(t.socketUrl(t.ticket("order", "oli")), t.origin)) {
      FakeStream stream = t.fake.awaitStream(before + 1, WAIT);
      stream.awaitEvent(e -> "session.update".equals(e.path("type").asText()), WAIT);
      int held = 32; // of at most 64: room for what comes while the relay turns to forwarding
      int total = 160;
      for (int i = 0; i < held; i++) {
        browser.send(append(i));
      }
      browser.awaitType("relay.call", WAIT);
      Thread.sleep(100); // the relay has them all (it holds them until the provider confirms)
      // The confirmation, and at once more events: they arrive while the relay forwards what it held.
      stream.send("{\"type\":\"session.updated\",\"event_id\":\"event_u\",\"session\":{\"type\":\"realtime\",\"id\":\"sess_fake\"}}");
      for (int i = held; i < total; i++) {
        browser.send(append(i));
      }
      stream.awaitEvent(e -> ("e" + (total - 1)).equals(e.path("event_id").asText()), WAIT);
      java.util.List<String> order = stream.received().stream()
          .filter(e -> "input_audio_buffer.append".equals(e.path("type").asText())).map(e -> e.path("event_id").asText()).toList();
      assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.range(0, total).mapToObj(i -> "e" + i).toList());
    } finally {
      t.fake.confirmStreams(true);
    }
    assertThat(t.fake.takeViolations()).isEmpty();
  }

  private static String append(int i) {
    return "{\"type\":\"input_audio_buffer.append\",\"event_id\":\"e" + i + "\",\"audio\":\"AAAAAAAA\"}";
  }

  @Test
  void aBrowserThatLeavesDuringAnAnswerHasItCancelledAndItsUsageStillCounted() throws Exception {
    Left left = leaveDuringAnAnswer("leave", "lea", "resp_1");
    FakeStream stream = left.stream();
    String callId = left.callId();
    assertThat(stream.closed()).as("the provider socket waits for the answer's usage").isNotDone();
    stream.send(FakeEvents.responseDone("resp_1", 10, 40, 0, 5, 60));
    RelayTestSupport.eventually(() -> t.call("leave", callId).at("/usage/totalTokens").asLong() == 115, "the answer's usage");
    RelayTestSupport.eventually(() -> "browser_closed".equals(t.call("leave", callId).path("endReason").asText()), "ended");
    stream.closed().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    RelayTestSupport.eventually(() -> t.server.plugin().relay().openSessions() == 0, "the session forgotten");
    assertThat(t.fake.takeViolations()).isEmpty();
  }

  @Test
  void aDrainWithoutAnAnswerEndsAfterItsTimeout() throws Exception {
    Left left = leaveDuringAnAnswer("mute", "mia", "resp_2");
    FakeStream stream = left.stream();
    String callId = left.callId();
    long cancelled = System.nanoTime();
    stream.closed().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(RelayOptions.DEFAULTS.drainTimeout().plusSeconds(3));
    RelayTestSupport.eventually(() -> "browser_closed".equals(t.call("mute", callId).path("endReason").asText()), "ended");
  }

  private record Left(String callId, FakeStream stream) {}

  /** A session whose provider starts answering, and whose tab closes then; returns once the relay cancelled the answer. */
  private static Left leaveDuringAnAnswer(String tenant, String user, String responseId) throws Exception {
    int before = t.fake.streams().size();
    String callId;
    FakeStream stream;
    try (RelayClient browser = t.ready(tenant, user)) {
      callId = browser.events().get(0).path("callId").asText();
      stream = t.fake.awaitStream(before + 1, WAIT);
      stream.send("{\"type\":\"response.created\",\"event_id\":\"ev_rc\",\"response\":{\"id\":\"" + responseId + "\","
          + "\"object\":\"realtime.response\",\"status\":\"in_progress\"}}");
      browser.awaitType("response.created", WAIT);
    }
    stream.awaitEvent(e -> "response.cancel".equals(e.path("type").asText()), WAIT);
    return new Left(callId, stream);
  }
}
