package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.ui.session.CallsStub;
import dev.voiceplugin.ui.session.FailureChecks;
import dev.voiceplugin.ui.session.MintStub;
import dev.voiceplugin.ui.session.RelayStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * transport="auto" (the default) when WebRTC cannot connect: the answer carries no ICE candidates,
 * as behind a firewall that blocks UDP. Then the tenant's relay setting decides: "offer" shows
 * "Connect through the server", "automatic" switches by itself, "off" (or a server that says
 * nothing of the relay) shows the connection error as before. The failed attempt is released first.
 */
class VoiceSessionRelayFallbackTest {
  private static final String BLOCKED = "No WebRTC connection to the voice service could be made from this network. "
      + "Connect through the server instead: the call then runs over this page's own connection to the platform.";
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
  private MintStub mint;
  private CallsStub calls;
  private RelayStub relay;
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
    mint = h.stubMint();
    calls = h.stubCalls().mode("browser");
    relay = h.stubRelay();
    h.open(site.hostPage());
    widget = h.widget;
    widget.setWebRtcTimeoutMs(1500);
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  @Test
  void offersTheRelayWhenWebRtcCannotConnectAndUsesItOnRequest() {
    calls.relay("offer");
    h.model.answerNextOfferWithoutCandidates();

    widget.start();

    widget.awaitState("error");
    new FailureChecks(h, mint).assertMessage(BLOCKED);
    assertThat(widget.relayButton()).isVisible();
    assertThat(widget.relayButton()).hasAccessibleDescription(BLOCKED);
    assertThat(widget.relayButton()).isFocused();
    assertThat(widget.startButton()).hasText("Reconnect");
    assertThat(relay.tickets()).as("nothing through the server until asked").isEmpty();
    assertWebRtcAttemptReleased(0);

    widget.relayButton().click();

    widget.awaitState("listening");
    assertThat(widget.status()).hasText("Listening · through the server");
    assertThat(widget.relayButton()).isHidden();
    assertThat(widget.message()).isHidden();
    assertThat(relay.tickets()).hasSize(1);
    assertThat(mint.requests()).as("only the WebRTC attempt minted").hasSize(1);
    assertWebRtcAttemptReleased(1);
  }

  @Test
  void switchesToTheRelayByItselfWhenTheTenantAllowsIt() {
    calls.relay("automatic");
    h.model.answerNextOfferWithoutCandidates();

    widget.start();

    widget.awaitState("listening", Duration.ofSeconds(15));
    assertThat(widget.status()).hasText("Listening · through the server");
    assertThat(h.model.states()).as("no error on the way").containsExactly("connecting", "listening");
    assertThat(relay.tickets()).hasSize(1);
    assertThat(widget.relayButton()).isHidden();
    widget.eventLog().locator("summary").click();
    assertThat(widget.eventLog()).containsText("WebRTC did not connect");
    assertWebRtcAttemptReleased(1);
    widget.until("audio goes through the relay", Duration.ofSeconds(5), () -> relay.received("input_audio_buffer.append").size() > 3);
  }

  @Test
  void switchesInServerModeTooAndHangsUpTheFailedCall() {
    calls.mode("server").relay("automatic");
    h.model.answerNextOfferWithoutCandidates();

    widget.start();

    widget.awaitState("listening", Duration.ofSeconds(15));
    assertThat(widget.status()).hasText("Listening · through the server");
    widget.until("the failed call is hung up", Duration.ofSeconds(5), () -> !calls.requests("DELETE", "realtime-calls/call_1").isEmpty());
    assertWebRtcAttemptReleased(1);
  }

  @ParameterizedTest(name = "relay {0}")
  @ValueSource(strings = {"off", "(not said)"})
  void showsTheConnectionErrorWhenTheRelayIsNotAllowed(String setting) {
    calls.relay(setting.equals("off") ? "off" : null);
    h.model.answerNextOfferWithoutCandidates();
    widget.setSessionTimeoutMs(2500);

    widget.start();

    widget.awaitState("error");
    new FailureChecks(h, mint).assertMessage("No audio connection to the voice service was made within 2.5 s; "
        + "a firewall may be blocking WebRTC (UDP). Add a TURN server under ICE servers in the voice settings, then press Reconnect.");
    assertThat(widget.relayButton()).isHidden();
    assertThat(relay.tickets()).isEmpty();
  }

  @Test
  void theWebRtcTransportNeverFallsBack() {
    calls.relay("automatic");
    h.model.answerNextOfferWithoutCandidates();
    widget.setTransport("webrtc");
    widget.setSessionTimeoutMs(2500);

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).containsText("No audio connection to the voice service was made within 2.5 s");
    assertThat(relay.tickets()).isEmpty();
  }

  @Test
  void staysOnWebRtcWhenItConnects() {
    calls.relay("automatic");

    widget.start();

    widget.awaitState("listening");
    h.page.waitForTimeout(2000); // past the 1.5 s WebRTC deadline: it must not fire once connected
    assertThat(widget.state()).isEqualTo("listening");
    assertThat(widget.status()).hasText("Listening");
    assertThat(relay.tickets()).isEmpty();
    assertThat(h.model.widgetMedia().connectionState()).isEqualTo("connected");
  }

  /** The WebRTC attempt's peer is closed and its microphone stopped; {@code live} streams remain (the relay's). */
  private void assertWebRtcAttemptReleased(int live) {
    widget.until("the failed attempt's microphone is released", Duration.ofSeconds(5),
        () -> h.model.widgetMedia().liveMicrophoneTracks() == live);
    assertThat(h.model.widgetMedia().connectionState()).isEqualTo("closed");
  }
}
