package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.ui.session.CallsStub;
import dev.voiceplugin.ui.session.FailureChecks;
import dev.voiceplugin.ui.session.MintStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Server mode: the widget posts its SDP offer to the plugin server, which places and configures the
 * call (stubbed here; the in-page model answers). The widget sends no settings, shows the time left
 * near the cap, hangs up on Stop, and explains calls the server ended. Browser mode stays as it was.
 */
class VoiceSessionServerModeTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
  private MintStub mint;
  private CallsStub calls;
  private WidgetPage widget;
  private FailureChecks check;

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

  @AfterEach
  void closePage() {
    if (h != null) {
      h.close();
    }
  }

  private void open() {
    h = SessionHarness.create(browser.newContext());
    mint = h.stubMint();
    calls = h.stubCalls();
    h.open(site.hostPage());
    widget = h.widget;
    check = new FailureChecks(h, mint);
  }

  @Test
  void startsTheCallThroughTheServerAndListensWithoutSendingSettings() {
    open();

    widget.start();

    widget.awaitState("listening");
    var posts = calls.requests("POST", "realtime-calls");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).contentType()).isEqualTo("application/sdp");
    assertThat(posts.get(0).csrfHeader()).isEqualTo("voice-plugin");
    assertThat(posts.get(0).body()).startsWith("v=0");
    assertThat(h.model.channelLabels()).containsExactly("oai-events");
    assertThat(h.model.received("session.update")).as("the server configured the session").isEmpty();
    assertThat(mint.requests()).as("no client secret in server mode").isEmpty();
    assertThat(h.model.calls()).as("the browser never calls the provider itself").isEmpty();
    assertThat(widget.timer()).isVisible();
    assertThat(widget.remaining()).isHidden();
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("live");
    assertThat(h.pageErrors).isEmpty();
    assertThat(h.blocked).isEmpty();
  }

  @Test
  void stopHangsUpTheCallAtTheServer() {
    open();
    widget.start();
    widget.awaitState("listening");

    widget.stopButton().click();

    widget.awaitState("ended");
    widget.until("the call is hung up", Duration.ofSeconds(5), () -> !calls.requests("DELETE", "realtime-calls/call_1").isEmpty());
    assertThat(calls.requests("DELETE", "realtime-calls/call_1").get(0).csrfHeader()).isEqualTo("voice-plugin");
    check.assertReleased();
  }

  @Test
  void removingTheElementHangsUpTheCall() {
    open();
    widget.start();
    widget.awaitState("listening");

    widget.element().evaluate("el => el.remove()");

    widget.until("the call is hung up", Duration.ofSeconds(5), () -> !calls.requests("DELETE", "realtime-calls/call_1").isEmpty());
    check.assertReleased();
  }

  @Test
  void usesTheMintWhenTheTenantConnectsFromTheBrowser() {
    open();
    calls.mode("browser");

    widget.start();

    widget.awaitState("listening");
    assertThat(calls.requests("POST", "realtime-calls")).isEmpty();
    assertThat(mint.requests()).hasSize(1);
    assertThat(h.model.received("session.update")).hasSize(1);
    assertThat(h.model.calls()).hasSize(1);
  }

  @Test
  void usesTheMintWhenTheServerSaysTheTenantSwitchedToBrowserMode() {
    open();
    calls.refuseNextCall(409, "connection_mode_browser", "This tenant connects from the browser.", "The widget mints a key instead.", Map.of());

    widget.start();

    widget.awaitState("listening");
    assertThat(calls.requests("POST", "realtime-calls")).hasSize(1);
    assertThat(mint.requests()).hasSize(1);
    assertThat(h.model.received("session.update")).hasSize(1);
    assertThat(widget.message()).isHidden();
    assertThat(h.model.widgetMedia().liveMicrophoneTracks()).as("the first microphone stream was stopped").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      429 | call_limit_reached      | This tenant already has 10 calls under way. | Wait until one ends, or ask a tenant administrator to allow more.
      429 | usage_budget_exhausted  | This tenant's monthly token budget is spent. | A tenant administrator can raise it in the voice settings.
      429 | session_rate_limited    | Too many voice sessions were started.        | Wait a little before starting another one.
      503 | provider_not_configured | No OpenAI API key is configured for this tenant. | Save the tenant's own key in the voice settings.
      502 | provider_key_rejected   | The provider refused the tenant's API key.   | Save a valid key in the voice settings.
      """)
  void showsTheServersDetailAndHintWhenItRefusesTheCallThenReconnects(int status, String code, String detail, String hint) {
    open();
    calls.refuseNextCall(status, code, detail, hint, Map.of());

    widget.start();

    widget.awaitState("error");
    check.assertMessage(detail + " " + hint);
    check.assertReleased();
    assertThat(mint.requests()).isEmpty();
    widget.startButton().click();
    widget.awaitState("listening");
    assertThat(calls.requests("POST", "realtime-calls")).hasSize(2);
  }

  @Test
  void countsDownRetryAfterWhenCallsAreRateLimited() {
    open();
    calls.refuseNextCall(429, "session_rate_limited", "Too many voice sessions were started.", "Wait a little before starting another one.",
        Map.of("Retry-After", "2"));

    widget.start();

    widget.awaitState("error");
    assertThat(widget.startButton()).isDisabled();
    assertThat(widget.startButton()).hasText(java.util.regex.Pattern.compile("Reconnect in [12] s"));
  }

  @Test
  void showsTheMinutesLeftInTheLastFiveMinutes() {
    open();
    calls.callsLast(Duration.ofSeconds(4 * 60 + 30));

    widget.start();

    widget.awaitState("listening");
    assertThat(widget.remaining()).hasText("5 min left");
    assertThat(widget.message()).isHidden();
  }

  @Test
  void warnsInTheLastMinute() {
    open();
    calls.callsLast(Duration.ofSeconds(45));

    widget.start();

    widget.awaitState("listening");
    assertThat(widget.remaining()).hasText(java.util.regex.Pattern.compile("^(4[0-5]|3\\d) s left$"));
    check.assertMessage("Less than a minute of this call is left. Start a new session when it ends to continue.");
    assertThat(widget.message()).hasAttribute("data-kind", "warning");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      duration_cap     | The call reached its time limit. Start a new session to continue.
      ended_by_admin   | An administrator ended this call. Start a new session if you still need the assistant.
      ended_by_user    | This call was ended from another window or device. Start a new session to continue.
      provider_closed  | The voice service ended the call. Start a new session to continue.
      budget_exhausted | This tenant's monthly token budget is used up, so the call was ended. A tenant administrator can raise the budget under Calls and usage in the voice settings.
      """)
  void saysWhyTheServerEndedTheCall(String reason, String expected) {
    open();
    widget.start();
    widget.awaitState("listening");

    calls.callEnded(reason);
    h.model.hangUp();

    widget.awaitState("ended");
    check.assertMessage(expected);
    check.assertReleased();
    assertThat(calls.requests("GET", "realtime-calls/call_1")).isNotEmpty();
    h.page.waitForTimeout(200);
    assertThat(calls.requests("DELETE", "realtime-calls/call_1")).as("an ended call is not hung up again").isEmpty();
    calls.callEnded(null);
    widget.startButton().click();
    widget.awaitState("listening");
  }

  @Test
  void reportsALostConnectionAndHangsUpWhenTheCallIsStillActive() {
    open();
    widget.start();
    widget.awaitState("listening");

    h.model.hangUp();

    widget.awaitState("ended");
    check.assertMessage("The data channel to the voice service was closed. Press Reconnect to start a new session.");
    widget.until("the call is hung up", Duration.ofSeconds(5), () -> !calls.requests("DELETE", "realtime-calls/call_1").isEmpty());
    check.assertReleased();
  }
}
