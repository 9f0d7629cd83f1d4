package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.options.RequestOptions;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.impl.testing.fake.FakeStream;
import dev.voiceplugin.ui.session.FakeProviderStack;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The relay end to end in Chromium, with nothing scripted in the page: a click takes a ticket from
 * the real plugin, opens its relay socket, and the plugin opens the strict fake provider's Realtime
 * WebSocket ({@link FakeStream}), sends the tenant's session first and holds the browser until it is
 * confirmed. The fake microphone's audio goes up as PCM16, the fake echoes it back as the assistant,
 * the widget plays and transcribes it, and a barge-in truncates the reply at the audio actually
 * played. The call is metered as a relay call and Stop ends it.
 */
class VoiceSessionRelayRealTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final FakeProviderStack stack = new FakeProviderStack();
  private static FakeRealtimeProvider fake;
  private static TestServer server;
  private static BrowserFixture browser;

  private SessionHarness h;

  @BeforeAll
  static void useStack() {
    fake = stack.fake();
    server = stack.server();
    browser = stack.browser();
  }

  @AfterEach
  void closePage() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aClickTalksThroughTheRealRelayHearsTheEchoAndABargeInTruncatesAtThePlayedAudio() throws Exception {
    h = SessionHarness.create(browser.newContext());
    String base = server.baseUri().toString().replaceAll("/$", "");
    APIRequestContext api = h.context.request();
    APIResponse signIn = api.post(base + "/api/v1/demo/sign-in", RequestOptions.create()
        .setHeader("X-Requested-With", "voice-plugin").setData(Map.of("tenant", "acme", "user", "alice", "admin", true)));
    assertThat(signIn.status()).isEqualTo(204);
    int streamsBefore = fake.streams().size();

    h.open(base + "/voice-plugin/admin.html");
    h.widget.setTransport("websocket");
    long clicked = System.nanoTime();
    h.widget.start();
    h.widget.awaitState("listening", Duration.ofSeconds(20));
    System.out.printf("relay: click to Listening %d ms%n", (System.nanoTime() - clicked) / 1_000_000);
    assertThat(h.widget.status()).hasText("Listening · through the server");

    FakeStream stream = fake.awaitStream(streamsBefore + 1, Duration.ofSeconds(5));
    assertThat(stream.configured()).as("the tenant's session.update came first").isTrue();
    assertThat(stream.received().get(0).path("type").asText()).isEqualTo("session.update");
    assertThat(h.model.calls()).as("no WebRTC call").isEmpty();

    // The fake microphone's audio reaches the provider, which echoes it: the widget shows both sides and plays it.
    stream.awaitEvent(e -> "input_audio_buffer.append".equals(e.path("type").asText()), Duration.ofSeconds(10));
    h.widget.until("the echoed reply is shown", Duration.ofSeconds(15),
        () -> h.widget.turns().allTextContents().stream().anyMatch(t -> t.contains("I heard you.")));
    assertThat(h.widget.turns().first()).containsText("You said something.");
    h.widget.until("the echoed audio plays", Duration.ofSeconds(10), () -> h.widget.meter("remote") > 0);

    // A long reply, then the user talks over it 800 ms in: the widget stops it and truncates at what was played.
    stream.echo(false);
    h.page.waitForTimeout(FakeStream.ECHO_AFTER_MS + 200); // let any echo in flight finish playing
    long spoke = System.nanoTime();
    stream.speak("item_long_reply", 4000);
    h.widget.until("the long reply plays", Duration.ofSeconds(5), () -> h.widget.meter("remote") > 0);
    h.page.waitForTimeout(800);
    long sinceSpoke = (System.nanoTime() - spoke) / 1_000_000;
    stream.send("{\"type\":\"input_audio_buffer.speech_started\",\"event_id\":\"ev_barge\",\"item_id\":\"item_barge\","
        + "\"audio_start_ms\":0}");
    JsonNode truncate = stream.awaitEvent(e -> "conversation.item.truncate".equals(e.path("type").asText())
        && "item_long_reply".equals(e.path("item_id").asText()), Duration.ofSeconds(5));
    long playedMs = truncate.path("audio_end_ms").asLong();
    System.out.printf("relay barge-in: audio_end_ms %d after %d ms since the reply was sent%n", playedMs, sinceSpoke);
    assertThat(playedMs).as("the truncate names the audio actually played, not what was received (4000 ms)")
        .isBetween(Math.max(100, sinceSpoke - 900), sinceSpoke);
    h.widget.until("playback stops at the barge-in", Duration.ofSeconds(3), () -> h.widget.meter("remote") == 0);

    // The plugin metered it as a relay call of alice's, with the provider's usage.
    JsonNode active = awaitJson(api, base + "/api/v1/realtime-calls?status=active",
        n -> n.at("/items/0/usage/totalTokens").asLong() > 0);
    assertThat(active.at("/items/0/transport").asText()).isEqualTo("relay");
    assertThat(active.at("/items/0/userId").asText()).isEqualTo("alice");
    String callId = active.at("/items/0/id").asText();

    h.widget.stopButton().click();
    h.widget.awaitState("ended");
    stream.closed().get(10, java.util.concurrent.TimeUnit.SECONDS);
    JsonNode ended = awaitJson(api, base + "/api/v1/realtime-calls/" + callId, n -> "ended".equals(n.path("status").asText()));
    assertThat(ended.path("transport").asText()).isEqualTo("relay");
    assertThat(fake.takeViolations()).as("the strict fake saw only valid events").isEmpty();
    assertThat(h.pageErrors).isEmpty();
    assertThat(h.model.cspViolations()).isEmpty();
  }

  private static JsonNode awaitJson(APIRequestContext api, String url, Predicate<JsonNode> ready) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = JSON.readTree(api.get(url).text());
      if (ready.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not ready: " + last);
  }
}
