package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.RequestOptions;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeLiveEvents;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.ui.session.FakeProviderStack;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A GPT-Live call end to end in Chromium: the widget posts its offer to the real plugin, which
 * creates the session at the strict fake's {@code /v1/live/sessions} and attaches {@code …/attach};
 * the SDP answer comes from the in-page peer, which then plays GPT-Live on the data channel. The
 * widget says "Listening" only at session.started, shows GPT-Live's transcript fragments, tells it
 * of a mute; usage shows in seconds, and the cap ends the session with session.close.
 */
class VoiceSessionLiveCallRealTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final FakeProviderStack stack = new FakeProviderStack().with("VOICE_CALL_MAX_SECONDS", "10").with("VOICE_PRICE_TABLE", "{\"gpt-live-1.1\":{\"perSecond\":0.001}}");
  private static FakeRealtimeProvider fake;
  private static TestServer server;
  private static BrowserFixture browser;
  private static final Map<String, String> answers = new ConcurrentHashMap<>();

  private SessionHarness h;

  @BeforeAll
  static void useStack() {
    fake = stack.fake();
    server = stack.server();
    browser = stack.browser();
    fake.answerOffersWith(offer -> answers.getOrDefault(offer, FakeRealtimeProvider.CANNED_ANSWER.apply(offer)));
  }

  @AfterEach
  void closePage() {
    if (h != null) {
      h.close();
    }
    assertThat(fake.takeViolations()).as("requests the real provider would refuse").isEmpty();
  }

  @Test
  void aGptLiveCallConnectsAtSessionStartedShowsItsTranscriptIsBilledInSecondsAndEndsAtTheCap() throws Exception {
    h = SessionHarness.create(browser.newContext());
    String base = server.baseUri().toString();
    APIRequestContext api = h.context.request();
    APIResponse signIn = api.post(base + "/api/v1/demo/sign-in", RequestOptions.create()
        .setHeader("X-Requested-With", "voice-plugin").setData(Map.of("tenant", "acme-live", "user", "alice", "admin", true)));
    assertThat(signIn.status()).isEqualTo(204);
    switchToLive(api, base, "Only discuss Acme's invoices");
    h.page.route("**/api/v1/realtime-calls", route -> {
      if ("POST".equals(route.request().method())) {
        String offer = route.request().postData();
        answers.put(offer, h.model.answer(offer));
        route.fulfill(new Route.FulfillOptions().setResponse(route.fetch()));
      } else {
        route.resume();
      }
    });

    h.open(base + "/voice-plugin/admin.html");
    h.model.greetWith(null); // GPT-Live's first word on the data channel is session.started, sent below
    h.widget.start();
    h.widget.until("the data channel is open", Duration.ofSeconds(15), h.model::channelOpen);
    FakeCall call = fake.lastCall().orElseThrow().awaitSideband();
    assertThat(call.flavor()).isEqualTo(FakeCall.Flavor.OPENAI_LIVE);
    assertThat(call.session().orElseThrow().path("instructions").asText()).isEqualTo("Only discuss Acme's invoices");

    // A session.updated is no start for GPT-Live: the widget keeps waiting.
    h.model.send("{\"type\":\"session.updated\",\"event_id\":\"e1\",\"session\":{\"id\":\"" + call.id() + "\"}}");
    h.page.waitForTimeout(400);
    assertThat(h.widget.state()).isEqualTo("connecting");
    h.model.send(FakeLiveEvents.sessionStarted(call.id(), "gpt-live-1.1", "marin"));
    h.widget.awaitState("listening");

    h.model.sendAll(List.of(FakeLiveEvents.inputTranscriptDelta("What is ", 0, 300),
        FakeLiveEvents.inputTranscriptDelta("due today?", 300, 700),
        FakeLiveEvents.outputTranscriptDelta("Two invoices", 800, 1200), FakeLiveEvents.outputTranscriptDelta(" are due.", 1200, 1500)));
    assertThat(h.widget.turns()).hasText(new String[] {"YouWhat is due today?", "AssistantTwo invoices are due."});
    assertThat(h.model.received("session.update")).as("the browser configures nothing").isEmpty();

    h.widget.muteButton().click();
    h.widget.until("the mute reached GPT-Live", Duration.ofSeconds(5), () -> !h.model.received("session.input_audio.mute").isEmpty());

    call.push(FakeLiveEvents.usageUpdated(4.5));
    JsonNode active = awaitJson(api, base + "/api/v1/realtime-calls?status=active",
        n -> n.at("/items/0/usage/sessionSeconds").asDouble() == 4.5);
    assertThat(active.at("/items/0/provider").asText()).isEqualTo("openai-live");

    // At the cap the plugin sends session.close on its sideband; GPT-Live then ends the media (the in-page peer plays it).
    String reason = call.awaitSessionClosed();
    assertThat(reason).isEqualTo("close_requested");
    assertThat(call.received()).extracting(e -> e.path("type").asText()).contains("session.close");
    assertThat(call.hungUp()).as("never the SIP-only REST hang-up").isFalse();
    h.model.send(FakeLiveEvents.sessionClosed("close_requested", 9.8));
    h.model.hangUp();
    h.widget.awaitState("ended", Duration.ofSeconds(20));
    assertThat(h.widget.message()).containsText("time limit");
    assertThat(h.widget.allText()).doesNotContain("Acme's invoices");

    JsonNode daily = JSON.readTree(api.get(base + "/api/v1/usage/daily?days=1").text());
    assertThat(daily.at("/days/0/sessionSeconds").asDouble()).as("the final seconds of session.closed").isGreaterThan(4.5);
    assertThat(daily.at("/days/0/totalTokens").asLong()).isZero();
    h.page.reload();
    var usage = h.page.locator("voice-usage");
    usage.scrollIntoViewIfNeeded();
    assertThat(usage).containsText("alice");
    usage.getByLabel("GPT-Live seconds").check();
    assertThat(usage.locator("figcaption")).containsText("GPT-Live seconds: ");
    assertThat(usage.locator("figcaption")).containsText(" s in all");
    assertThat(usage.locator(".vu-users-table")).containsText(" s");
  }

  private static JsonNode awaitJson(APIRequestContext api, String url, java.util.function.Predicate<JsonNode> ready) throws Exception {
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

  private static void switchToLive(APIRequestContext api, String base, String instructions) throws Exception {
    APIResponse current = api.get(base + "/api/v1/realtime-settings");
    ObjectNode settings = (ObjectNode) JSON.readTree(current.text()).path("settings");
    settings.put("provider", "openai-live").put("model", "gpt-live-1.1").put("voice", "marin").put("instructions", instructions);
    for (String field : List.of("outputModalities", "turnDetection", "transcription", "noiseReduction", "speed", "maxOutputTokens",
        "clientSecretTtlSeconds")) {
      settings.putNull(field);
    }
    settings.putNull("live"); // its defaults: no delegation, the browser may mute and unmute
    settings.putArray("iceServers");
    ObjectNode body = JSON.createObjectNode();
    body.set("settings", settings);
    APIResponse saved = api.put(base + "/api/v1/realtime-settings", RequestOptions.create()
        .setHeader("If-Match", current.headers().get("etag")).setHeader("X-Requested-With", "voice-plugin")
        .setHeader("Content-Type", "application/json").setData(JSON.writeValueAsString(body)));
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
  }
}
