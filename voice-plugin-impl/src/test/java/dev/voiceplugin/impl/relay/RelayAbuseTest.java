package dev.voiceplugin.impl.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.RelayClient;
import dev.voiceplugin.impl.testing.fake.FakeStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a misbehaving browser (or provider) gets from the relay: each its own close code, the call
 * ended, and the memory the relay holds for it bounded.
 */
class RelayAbuseTest {
  static RelayTestSupport t;
  static final Duration WAIT = Duration.ofSeconds(15);

  @BeforeAll
  static void start() {
    t = new RelayTestSupport(Map.of("VOICE_RELAY_SLOW_CONSUMER_MS", "1500", "VOICE_RELAY_READY_TIMEOUT_MS", "1500",
        "VOICE_CALL_MAX_SECONDS", "6"));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void aMessageOverTheLimitClosesWith1009AndOneUnderItPasses() throws Exception {
    int before = t.fake.streams().size();
    try (RelayClient browser = t.ready("big", "bo")) {
      FakeStream stream = t.fake.awaitStream(before + 1, WAIT);
      stream.echo(false);
      String nearLimit = RelayClient.toneAppend(1000); // 48,000 bytes of PCM: 64,000 characters of base64
      assertThat(nearLimit.length()).isLessThan(64 * 1024);
      browser.send(nearLimit);
      stream.awaitEvent(e -> "input_audio_buffer.append".equals(e.path("type").asText()), WAIT);
      browser.sendAsync(RelayClient.toneAppend(1100)); // 70,400 characters
      assertThat(browser.awaitClose(WAIT)).isEqualTo(1009);
      stream.closed().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void binaryFramesAndTextThatIsNotAnEventCloseTheSocket() throws Exception {
    try (RelayClient browser = t.ready("bin", "bea")) {
      browser.sendBinary(new byte[] {1, 2, 3});
      assertThat(browser.awaitClose(WAIT)).isEqualTo(1003);
      assertThat(browser.closeReason()).isEqualTo("binary_not_supported");
    }
    try (RelayClient browser = t.ready("bin", "bea")) {
      browser.send("[\"not an event\"]");
      assertThat(browser.awaitClose(WAIT)).isEqualTo(4400);
    }
  }

  @Test
  void aFloodClosesWith4429AndEndsTheCall() throws Exception {
    try (RelayClient browser = t.ready("flood", "fay")) {
      String callId = browser.events().get(0).path("callId").asText();
      String tiny = "{\"type\":\"input_audio_buffer.clear\"}";
      for (int i = 0; i < 1000 && !browser.closed(); i++) {
        browser.sendAsync(tiny);
      }
      assertThat(browser.awaitClose(WAIT)).isEqualTo(4429);
      assertThat(browser.closeReason()).isEqualTo("relay_flood");
      RelayTestSupport.eventually(() -> "relay_policy".equals(t.call("flood", callId).path("endReason").asText()), "ended");
    }
  }

  @Test
  void aBrowserThatStopsReadingIsClosedAndWhatWaitsForItStaysBounded() throws Exception {
    int before = t.fake.streams().size();
    try (RelayClient browser = t.ready("slow", "sid")) {
      FakeStream stream = t.fake.awaitStream(before + 1, WAIT);
      browser.stopReading();
      AtomicLong most = new AtomicLong();
      speakWithoutEnd(stream);
      String callId = browser.events().get(0).path("callId").asText();
      long deadline = System.nanoTime() + WAIT.toNanos();
      // A tab that does not read cannot read a close frame either: the relay's decision shows in the call.
      while (!"relay_policy".equals(t.call("slow", callId).path("endReason").asText()) && System.nanoTime() < deadline) {
        most.accumulateAndGet(t.server.plugin().relay().queuedChars(), Math::max);
        Thread.sleep(10);
      }
      assertThat(t.call("slow", callId).path("endReason").asText()).isEqualTo("relay_policy");
      assertThat(most.get()).as("queued for the browser at most the high water mark plus one event")
          .isPositive().isLessThanOrEqualTo(RelayOptions.DEFAULTS.browserHighWater() + 64 * 1024);
      browser.resumeReading();
      // Behind what it never read, the close is 4430, unless the container gave up on the socket first (1006).
      assertThat(browser.awaitClose(WAIT)).isIn(4430, 1006);
      stream.closed().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    RelayTestSupport.eventually(() -> t.server.plugin().relay().queuedChars() == 0, "queues released");
  }

  @Test
  void refusalsToABrowserThatDoesNotReadStayWithinTheHighWaterMarkAndCloseIt() throws Exception {
    int before = t.fake.streams().size();
    try (RelayClient browser = t.ready("noisy", "nia")) {
      FakeStream stream = t.fake.awaitStream(before + 1, WAIT);
      browser.stopReading();
      speakWithoutEnd(stream);
      long high = RelayOptions.DEFAULTS.browserHighWater();
      RelayTestSupport.eventually(() -> t.server.plugin().relay().queuedChars() >= high, "the browser's queue at its high water mark");
      // Each refused event is answered; with its 60,000-character type repeated, the answers alone
      // would queue megabytes for a browser that reads none of them.
      String refused = "{\"type\":\"" + "x".repeat(60_000) + "\"}";
      long most = 0;
      for (int i = 0; i < 12 && !browser.closed(); i++) {
        browser.send(refused);
        most = Math.max(most, t.server.plugin().relay().queuedChars());
      }
      Thread.sleep(200);
      most = Math.max(most, t.server.plugin().relay().queuedChars());
      assertThat(most).as("queued for the browser: at most the high water mark plus one event").isLessThanOrEqualTo(high + 64 * 1024);
      browser.resumeReading();
      assertThat(browser.awaitClose(WAIT)).isIn(4430, 1006);
      stream.closed().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    RelayTestSupport.eventually(() -> t.server.plugin().relay().queuedChars() == 0, "queues released");
  }

  @Test
  void aProviderThatNeverConfirmsTheSessionClosesWith4408() throws Exception {
    t.fake.confirmStreams(false);
    try (RelayClient browser = RelayClient.connect(t.socketUrl(t.ticket("mute", "max")), t.origin)) {
      browser.send(RelayClient.toneAppend(20)); // held, never forwarded
      assertThat(browser.awaitClose(WAIT)).isEqualTo(4408);
      assertThat(browser.types()).containsExactly("relay.call");
    } finally {
      t.fake.confirmStreams(true);
    }
    assertThat(t.fake.takeViolations()).isEmpty();
  }

  @Test
  void theDurationCapEndsASessionWith4410() throws Exception {
    try (RelayClient browser = t.ready("cap", "cy")) {
      String callId = browser.events().get(0).path("callId").asText();
      assertThat(browser.awaitClose(WAIT)).isEqualTo(4410);
      assertThat(browser.closeReason()).isEqualTo("call_duration_cap");
      RelayTestSupport.eventually(() -> "duration_cap".equals(t.call("cap", callId).path("endReason").asText()), "ended");
    }
  }

  /** The provider talks far more than a stuck tab can take (2 s of audio per item), until the relay stops reading from it or closes. */
  private static void speakWithoutEnd(FakeStream stream) {
    Thread speaker = new Thread(() -> {
      try {
        for (int i = 0; i < 60 && !stream.closed().isDone(); i++) {
          stream.speak("item_" + i, 2000);
        }
      } catch (AssertionError | RuntimeException stuckOrClosed) {
        // The relay stopped reading from us (backpressure) or closed: both expected.
      }
    });
    speaker.setDaemon(true);
    speaker.start();
  }
}
