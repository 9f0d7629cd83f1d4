package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.ui.session.CallsStub;
import dev.voiceplugin.ui.session.RelayStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live usage during a call: in server mode and on the relay the widget polls GET realtime-calls/{id}
 * (one request at a time, slower after errors, never after the session ends) and shows tokens, the
 * estimated cost and the time left, counted down between polls; in browser mode it adds up the usage
 * of each response.done itself and shows no cost.
 */
class VoiceSessionLiveUsageTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
  private CallsStub calls;
  private WidgetPage widget;

  @BeforeAll
  static void launch() {
    browser = BrowserFixture.launch();
    site = StaticSite.start();
  }

  @AfterAll
  static void shutDown() {
    site.close();
    browser.close();
  }

  @BeforeEach
  void openPage() {
    h = SessionHarness.create(browser.newContext());
    h.stubMint();
    calls = h.stubCalls().callsLast(Duration.ofMinutes(20));
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  private void open(int intervalMs) {
    h.open(site.hostPage());
    widget = h.widget;
    widget.element().evaluate("(el, ms) => { el.usageIntervalMs = ms; }", intervalMs);
  }

  @Test
  void serverModeShowsTokensCostAndTimeLeftAsTheCallGoesOn() {
    calls.usage(1200, 300, 0.0123);
    open(300);
    assertThat(widget.usage()).isHidden();

    widget.start();
    widget.awaitState("listening");

    assertThat(widget.usage()).isVisible();
    assertThat(widget.usageTokens()).hasText("1,500");
    assertThat(widget.usageCost()).hasText("≈ $0.0123");
    assertThat(widget.usageTimeLeft()).hasText(Pattern.compile("^(20:00|19:5\\d)$"));
    calls.usage(5000, 2000, 0.25);
    assertThat(widget.usageTokens()).hasText("7,000");
    assertThat(widget.usageCost()).hasText("≈ $0.25");
    String left = widget.usageTimeLeft().textContent();
    widget.until("the time left counts down", Duration.ofSeconds(4), () -> !widget.usageTimeLeft().textContent().equals(left));
    JsonNode last = h.model.usageEvents().get(h.model.usageEvents().size() - 1);
    assertThat(last.path("totalTokens").asLong()).isEqualTo(7000);
    assertThat(last.path("estimatedCost").asDouble()).isEqualTo(0.25);
    assertThat(last.path("counted").asText()).isEqualTo("server");
    assertThat(h.model.callReads()).allSatisfy(r -> assertThat(r.path("url").asText()).endsWith("/api/v1/realtime-calls/call_1"));
  }

  @Test
  void neverMoreThanOneRequestInFlightAndStopAbortsThePollUnderWay() {
    open(200);
    widget.start();
    widget.awaitState("listening");
    h.model.delayCallReads(800);
    widget.until("a few slow polls went by", Duration.ofSeconds(10), () -> h.model.callReads().size() >= 4);
    widget.until("a poll is under way", Duration.ofSeconds(5),
        () -> !h.model.callReads().get(h.model.callReads().size() - 1).path("done").asBoolean());

    widget.stopButton().click();
    widget.awaitState("ended");

    int reads = h.model.callReads().size();
    widget.until("the poll under way is aborted", Duration.ofSeconds(3),
        () -> h.model.callReads().get(reads - 1).path("aborted").asBoolean());
    h.page.waitForTimeout(1500);
    assertThat(h.model.callReads()).as("no poll after Stop").hasSize(reads);
    assertThat(h.model.maxCallReadsInFlight()).isEqualTo(1);
  }

  @Test
  void failedPollsBackOffAndRecover() {
    calls.usage(100, 50, null);
    open(250);
    calls.failNextCallReads(3);

    widget.start();
    widget.awaitState("listening");

    widget.until("the server answers again", Duration.ofSeconds(15), () -> h.model.callReads().size() >= 5);
    List<Double> at = h.model.callReads().stream().map(r -> r.path("t").asDouble()).toList();
    double first = at.get(1) - at.get(0);
    double second = at.get(2) - at.get(1);
    double third = at.get(3) - at.get(2);
    assertThat(first).as("after one failure: twice the interval").isGreaterThanOrEqualTo(450);
    assertThat(second).as("after two: four times").isGreaterThanOrEqualTo(950);
    assertThat(third).as("after three: eight times").isGreaterThanOrEqualTo(1950);
    assertThat(widget.usageTokens()).hasText("150");
    assertThat(widget.usageCost()).isHidden();
    assertThat(widget.message()).isHidden();
  }

  @Test
  void theRelayPollsTheCallItsRelayCallEventNamed() {
    RelayStub relay = h.stubRelay();
    calls.usage(40, 60, 0.001);
    open(300);
    widget.setTransport("websocket");

    widget.start();
    widget.awaitState("listening");

    assertThat(widget.usageTokens()).hasText("100");
    assertThat(h.model.callReads()).allSatisfy(r -> assertThat(r.path("url").asText())
        .endsWith("/api/v1/realtime-calls/4f1c2a9e-0000-4000-8000-000000000001"));
    assertThat(relay.connected()).isTrue();
  }

  @Test
  void gptLiveCallsReadInSeconds() {
    calls.provider("openai-live").options("\"api\":\"live\"");
    open(300);
    h.model.greetWith(null);

    widget.start();
    widget.until("the data channel is open", Duration.ofSeconds(10), h.model::channelOpen);
    h.model.send("{\"type\":\"session.started\",\"session\":{\"id\":\"live_1\"}}");
    widget.awaitState("listening");

    assertThat(widget.usage().locator("dt").first()).hasText("Billed");
    assertThat(widget.usageTokens()).hasText("0 s");
  }

  @Test
  void browserModeCountsTheResponsesItSeesAndShowsNoCost() {
    calls.mode("browser");
    open(300);
    widget.start();
    widget.awaitState("listening");
    assertThat(widget.usage()).isHidden();

    h.model.send("{\"type\":\"response.done\",\"response\":{\"id\":\"resp_1\",\"status\":\"completed\","
        + "\"usage\":{\"total_tokens\":250,\"input_tokens\":200,\"output_tokens\":50}}}");
    h.model.send("{\"type\":\"response.done\",\"response\":{\"id\":\"resp_2\",\"status\":\"completed\","
        + "\"usage\":{\"total_tokens\":1000,\"input_tokens\":600,\"output_tokens\":400}}}");

    assertThat(widget.usageTokens()).hasText("1,250 (counted here)");
    assertThat(widget.usageCost()).isHidden();
    assertThat(widget.usageTimeLeft()).isHidden();
    assertThat(h.model.callReads()).as("no call to poll").isEmpty();
    JsonNode last = h.model.usageEvents().get(h.model.usageEvents().size() - 1);
    assertThat(last.path("counted").asText()).isEqualTo("browser");
    assertThat(last.path("inputTokens").asLong()).isEqualTo(800);
  }
}
