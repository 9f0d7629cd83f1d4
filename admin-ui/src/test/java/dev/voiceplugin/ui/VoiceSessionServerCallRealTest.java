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
import dev.voiceplugin.impl.testing.fake.FakeEvents;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.ui.session.FakeProviderStack;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server mode end to end in Chromium: the widget posts its offer to the real plugin, which creates
 * the call at the strict fake provider (real HTTP and WebSocket) and attaches the sideband; the
 * fake's SDP answer comes from the in-page model peer, so a real WebRTC connection is made. The
 * usage the provider reports shows in the REST API and the admin view, and the duration cap ends it.
 */
class VoiceSessionServerCallRealTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final FakeProviderStack stack = new FakeProviderStack().with("VOICE_CALL_MAX_SECONDS", "8");
  private static FakeRealtimeProvider fake;
  private static TestServer server;
  private static BrowserFixture browser;
  /** Offers the browser made, and the in-page model's answers, for the fake provider to return. */
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
  }

  @Test
  void aServerCreatedCallConnectsIsMeteredAndEndsAtTheCap() throws Exception {
    h = SessionHarness.create(browser.newContext());
    String base = server.baseUri().toString();
    APIRequestContext api = h.context.request();
    APIResponse signIn = api.post(base + "/api/v1/demo/sign-in", RequestOptions.create()
        .setHeader("X-Requested-With", "voice-plugin").setData(Map.of("tenant", "acme", "user", "alice", "admin", true)));
    assertThat(signIn.status()).isEqualTo(204);
    saveInstructions(api, base, "Only discuss Acme's invoices");
    // The browser's offer reaches the plugin unchanged; the in-page peer's answer is what the fake provider returns.
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
    long clicked = System.nanoTime();
    h.widget.start();
    h.widget.awaitState("listening");
    System.out.printf("server mode: click to Listening %d ms%n", (System.nanoTime() - clicked) / 1_000_000);

    assertThat(h.model.received("session.update")).as("the browser configures nothing in server mode").isEmpty();
    assertThat(h.widget.allText()).doesNotContain("Acme's invoices");
    FakeCall call = fake.lastCall().orElseThrow().awaitSideband();
    assertThat(call.session().orElseThrow().path("instructions").asText()).isEqualTo("Only discuss Acme's invoices");
    assertThat(fake.takeViolations()).isEmpty();

    call.push(FakeEvents.responseDone("resp_e2e", 40, 120, 0, 12, 200));
    JsonNode active = awaitJson(api, base + "/api/v1/realtime-calls?status=active", n -> n.at("/items/0/usage/totalTokens").asLong() == 372);
    assertThat(active.at("/items/0/userId").asText()).isEqualTo("alice");

    // At the cap the plugin hangs up at the provider; the provider then drops the media (the in-page peer plays it).
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!call.hungUp()) {
      assertThat(System.nanoTime()).as("the plugin hanging up at the cap").isLessThan(deadline);
      h.page.waitForTimeout(100);
    }
    h.model.hangUp();
    h.widget.awaitState("ended", Duration.ofSeconds(20));
    assertThat(h.widget.message()).containsText("time limit");
    JsonNode daily = JSON.readTree(api.get(base + "/api/v1/usage/daily?days=1").text());
    assertThat(daily.at("/days/0/totalTokens").asLong()).isEqualTo(372);
    assertThat(daily.at("/days/0/calls").asInt()).isEqualTo(1);
    // The admin view on the same page shows the call's tokens in today's usage and alice's row.
    h.page.reload();
    var usage = h.page.locator("voice-usage");
    usage.scrollIntoViewIfNeeded();
    assertThat(usage).containsText("alice");
    assertThat(usage).containsText("372");
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

  private static void saveInstructions(APIRequestContext api, String base, String instructions) throws Exception {
    APIResponse current = api.get(base + "/api/v1/realtime-settings");
    ObjectNode settings = (ObjectNode) JSON.readTree(current.text()).path("settings");
    settings.put("instructions", instructions);
    settings.putArray("iceServers");
    ObjectNode body = JSON.createObjectNode();
    body.set("settings", settings);
    APIResponse saved = api.put(base + "/api/v1/realtime-settings", RequestOptions.create()
        .setHeader("If-Match", current.headers().get("etag")).setHeader("X-Requested-With", "voice-plugin")
        .setHeader("Content-Type", "application/json").setData(JSON.writeValueAsString(body)));
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
  }
}
