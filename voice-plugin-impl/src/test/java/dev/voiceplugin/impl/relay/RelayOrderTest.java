package dev.voiceplugin.impl.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.RelayClient;
import dev.voiceplugin.impl.testing.fake.FakeStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser's events reach the provider in the order it sent them, across the wait for the session's confirmation. */
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
}
