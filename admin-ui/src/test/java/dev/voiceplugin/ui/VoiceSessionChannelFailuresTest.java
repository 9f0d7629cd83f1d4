package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.ui.session.FailureChecks;
import dev.voiceplugin.ui.session.MintStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures once the provider answered the offer: no audio connection, settings refused or never
 * confirmed, a call dropped or ended by the provider, errors reported during a session. Each shows
 * its own message and is followed by a Reconnect that works.
 */
class VoiceSessionChannelFailuresTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
  private MintStub mint;
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
    h.open(site.hostPage());
    widget = h.widget;
    check = new FailureChecks(h, mint);
  }

  @Test
  void suggestsATurnServerWhenNoAudioConnectionComesUpThenReconnects() {
    open();
    h.model.answerNextOfferWithoutCandidates();
    widget.setSessionTimeoutMs(1500);

    widget.start();

    widget.awaitState("error");
    check.assertMessage("No audio connection to the voice service was made within 1.5 s; a firewall may be blocking WebRTC (UDP). "
        + "Add a TURN server under ICE servers in the voice settings, then press Reconnect.");
    check.assertReleased();
    check.assertReconnectWorks(2);
  }

  @Test
  void givesUpWhenTheSettingsAreNeverConfirmedThenReconnects() {
    open();
    h.model.replySessionUpdated(false);
    widget.setSessionTimeoutMs(1500);

    widget.start();

    widget.awaitState("error");
    check.assertMessage("The voice service did not confirm the session settings within 1.5 s. Press Reconnect to try again.");
    assertThat(h.model.received("session.update")).hasSize(1);
    check.assertReleased();
    h.model.replySessionUpdated(true);
    check.assertReconnectWorks(2);
  }

  @Test
  void showsTheProvidersReasonWhenItRejectsTheSettings() {
    open();
    h.model.rejectSessionUpdate("{\"type\":\"error\",\"event_id\":\"event_9\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"code\":\"unknown_parameter\",\"message\":\"Unknown parameter: 'session.temperature'.\",\"param\":\"session.temperature\",\"event_id\":null}}");

    widget.start();

    widget.awaitState("error");
    check.assertMessage("The voice service rejected the setting session.temperature. Correct it in the voice settings, then press Reconnect.");
    assertThat(widget.eventLog()).containsText("Unknown parameter: 'session.temperature'.");
    check.assertReleased();
  }

  @Test
  void endsCleanlyWhenTheConnectionIsLostThenReconnects() {
    open();
    widget.start();
    widget.awaitState("listening");

    h.model.hangUp();

    widget.awaitState("ended");
    check.assertMessage("The data channel to the voice service was closed. Press Reconnect to start a new session.");
    check.assertReleased();
    assertThat(h.model.states()).endsWith("listening", "ended");
    check.assertReconnectWorks(2);
  }

  @Test
  void showsProviderErrorEventsWithoutEndingTheSession() {
    open();
    widget.start();
    widget.awaitState("listening");

    h.model.send("{\"type\":\"error\",\"event_id\":\"event_7\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"code\":\"conversation_already_has_active_response\",\"message\":\"Conversation already has an active response.\",\"param\":null,\"event_id\":null}}");

    check.assertMessage("The voice service reported an error (conversation_already_has_active_response). "
        + "The session goes on; open the event log for the details.");
    assertThat(widget.eventLog()).containsText("Conversation already has an active response.");
    assertThat(widget.state()).isEqualTo("listening");
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("live");
  }

  @Test
  void endsWhenTheServiceSaysTheSessionExpiredThenReconnects() {
    open();
    widget.start();
    widget.awaitState("listening");

    h.model.send("{\"type\":\"error\",\"event_id\":\"event_8\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"code\":\"session_expired\",\"message\":\"Your session hit the maximum duration of 60 minutes.\",\"param\":null,\"event_id\":null}}");

    widget.awaitState("ended");
    assertThat(widget.message()).containsText("time limit");
    check.assertReleased();
    check.assertReconnectWorks(2);
  }
}
