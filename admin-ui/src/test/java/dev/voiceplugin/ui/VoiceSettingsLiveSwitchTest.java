package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant admin switches the settings screen from the Realtime API to GPT-Live and back, against
 * the real plugin and the strict fake, and starts a call with each in Chromium: each API shows only
 * its own settings, saves only them, and the widget's next call uses it.
 */
class VoiceSettingsLiveSwitchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REALTIME_GREETING = "{\"type\":\"session.created\",\"event_id\":\"e0\",\"session\":{\"type\":\"realtime\","
      + "\"object\":\"realtime.session\",\"id\":\"sess_fake\",\"model\":\"gpt-realtime\"}}";
  @RegisterExtension
  static final FakeProviderStack stack = new FakeProviderStack();
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
      assertThat(h.pageErrors).as("page errors").isEmpty();
      h.close();
    }
    assertThat(fake.takeViolations()).as("requests the real provider would refuse").isEmpty();
  }

  private Locator settings(String selector) {
    return h.page.locator("voice-settings " + selector);
  }

  @Test
  void switchingBetweenRealtimeAndGptLiveShowsAndSavesEachOnesSettingsAndCallsUseIt() throws Exception {
    h = SessionHarness.create(browser.newContext());
    String base = server.baseUri().toString();
    APIResponse signIn = h.context.request().post(base + "/api/v1/demo/sign-in", RequestOptions.create()
        .setHeader("X-Requested-With", "voice-plugin").setData(Map.of("tenant", "switcher", "user", "ada", "admin", true)));
    assertThat(signIn.status()).isEqualTo(204);
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
    assertThat(settings("#vs-meta")).not().isEmpty();
    Locator provider = settings("#vs-provider");
    assertThat(settings("#vs-speed")).isVisible();
    assertThat(settings("#vs-turn-type")).isVisible();
    assertThat(settings(".vs-live")).isHidden();

    // To GPT-Live: its own part appears, the Realtime-only ones go, voices and model follow the API.
    provider.selectOption("openai-live");
    for (String realtimeOnly : new String[] {"#vs-speed", "#vs-noise", "#vs-turn-type", "#vs-transcription-on", "#vs-ttl",
        "#vs-output-audio", "#vs-max-tokens", "#vs-connection-mode"}) {
      assertThat(settings(realtimeOnly)).isHidden();
    }
    assertThat(settings(".vs-live")).isVisible();
    assertThat(settings("#vs-model")).hasValue("gpt-live-1.1");
    assertThat(settings("#vs-voice option[value=beacon]")).hasCount(1);
    assertThat(settings("#vs-instructions-count")).containsText("16,384");
    assertThat(settings("#vs-delegation-model")).isHidden();
    settings("#vs-delegation-type").selectOption("responses");
    assertThat(settings("#vs-delegation-model")).hasValue("gpt-5.5");
    settings("#vs-delegation-web-search").check();
    settings("#vs-voice").selectOption("beacon");
    settings("button.vs-save").click();
    assertThat(settings(".vs-status")).hasText("Saved as version 1.");
    JsonNode saved = document(base);
    assertThat(saved.at("/provider").asText()).isEqualTo("openai-live");
    assertThat(saved.at("/speed").isNull()).isTrue();
    assertThat(saved.at("/turnDetection").isNull()).isTrue();
    assertThat(saved.at("/live/delegation").toString()).isEqualTo("{\"type\":\"responses\",\"model\":\"gpt-5.5\",\"webSearch\":true}");
    assertThat(saved.at("/live/browserEvents").size()).isEqualTo(2);

    // A call now is a GPT-Live session: Listening at session.started.
    h.model.greetWith(null);
    h.widget.start();
    h.widget.until("the data channel is open", Duration.ofSeconds(15), h.model::channelOpen);
    FakeCall live = fake.lastCall().orElseThrow().awaitSideband();
    assertThat(live.flavor()).isEqualTo(FakeCall.Flavor.OPENAI_LIVE);
    assertThat(live.session().orElseThrow().at("/audio/output/voice").asText()).isEqualTo("beacon");
    assertThat(live.session().orElseThrow().at("/delegation/responses/tools/0/type").asText()).isEqualTo("web_search");
    h.model.send(FakeLiveEvents.sessionStarted(live.id(), "gpt-live-1.1", "beacon"));
    h.widget.awaitState("listening");
    h.widget.stopButton().click();
    assertThat(live.awaitSessionClosed()).isEqualTo("close_requested");

    // And back: the Realtime settings return as they were typed, GPT-Live's part is sent as null.
    provider.selectOption("openai");
    assertThat(settings("#vs-speed")).isVisible();
    assertThat(settings("#vs-speed")).hasValue("1");
    assertThat(settings(".vs-live")).isHidden();
    assertThat(settings("#vs-model")).hasValue("gpt-realtime");
    assertThat(settings("#vs-voice option[value=beacon]")).hasCount(0);
    assertThat(settings("#vs-voice")).hasValue("marin");
    settings("button.vs-save").click();
    assertThat(settings(".vs-status")).hasText("Saved as version 2.");
    JsonNode back = document(base);
    assertThat(back.at("/provider").asText()).isEqualTo("openai");
    assertThat(back.at("/live").isNull()).isTrue();
    assertThat(back.at("/turnDetection/type").asText()).isEqualTo("server_vad");

    h.model.greetWith(REALTIME_GREETING);
    h.widget.start();
    h.widget.awaitState("listening");
    FakeCall realtime = fake.lastCall().orElseThrow().awaitSideband();
    assertThat(realtime.flavor()).isEqualTo(FakeCall.Flavor.OPENAI);
    assertThat(realtime.session().orElseThrow().path("type").asText()).isEqualTo("realtime");
    h.widget.stopButton().click();
    h.widget.until("the Realtime call hung up", Duration.ofSeconds(10), realtime::hungUp);
  }

  private JsonNode document(String base) throws Exception {
    return JSON.readTree(h.context.request().get(base + "/api/v1/realtime-settings").text()).path("settings");
  }
}
