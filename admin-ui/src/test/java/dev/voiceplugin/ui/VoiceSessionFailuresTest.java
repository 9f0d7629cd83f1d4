package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.ui.session.FakeModel.WidgetMedia;
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

/**
 * Every way a session fails shows its own message, releases what it opened, and is followed by a
 * Reconnect that mints a fresh client secret and works.
 */
class VoiceSessionFailuresTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
  private MintStub mint;
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
  }

  @Test
  void showsTheServersHintWhenNoProviderKeyIsConfiguredThenReconnects() {
    open();
    mint.failNext(503, "provider_not_configured", "No OpenAI API key is configured for this tenant.",
        "Ask the platform operator to set OPENAI_API_KEY.", Map.of());

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).hasText(
        "No OpenAI API key is configured for this tenant. Ask the platform operator to set OPENAI_API_KEY.");
    assertThat(widget.message()).hasAttribute("role", "alert");
    assertThat(h.model.getUserMediaCalls()).as("the microphone is not asked for without a session").isZero();
    assertReconnectWorks(2);
  }

  @Test
  void waitsOutRetryAfterWhenTheServerRateLimitsThenReconnects() {
    open();
    mint.failNext(429, "rate_limited", "Too many voice sessions were started.",
        "Wait a little before starting another one.", Map.of("Retry-After", "2"));

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).hasText("Too many voice sessions were started. Wait a little before starting another one.");
    assertThat(widget.startButton()).isDisabled();
    assertThat(widget.startButton()).hasText(java.util.regex.Pattern.compile("Reconnect in [12] s"));
    assertThat(widget.startButton()).isEnabled(new com.microsoft.playwright.assertions.LocatorAssertions.IsEnabledOptions().setTimeout(5_000));
    assertReconnectWorks(2);
  }

  @Test
  void showsTheProvidersMessageWhenItRejectsTheOfferThenReconnectsWithAFreshSecret() {
    open();
    h.model.answerNextOfferWith(401, "application/json",
        "{\"error\":{\"message\":\"Invalid ephemeral key provided.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\",\"param\":null}}");

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).hasText(
        "The voice service refused the session key (HTTP 401). Invalid ephemeral key provided. Press Reconnect to try with a new key.");
    assertThat(widget.message()).not().containsText("parse");
    assertReleased();
    assertReconnectWorks(2);
    assertThat(h.model.calls()).hasSize(2);
    assertThat(h.model.calls().get(1).authorization()).isEqualTo("Bearer " + mint.secrets().get(1))
        .isNotEqualTo("Bearer " + mint.secrets().get(0));
  }

  @Test
  void explainsAnOfferRejectedWithAnHtmlErrorPageWithoutTalkingAboutSdp() {
    open();
    h.model.answerNextOfferWith(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).hasText(
        "The voice service refused the connection (HTTP 502). Wait a moment, then press Reconnect.");
    assertReconnectWorks(2);
  }

  @Test
  void explainsAnAnswerTheBrowserCannotUseWithoutTalkingAboutSdp() {
    open();
    h.model.answerNextOfferWith(201, "application/sdp", "v=0\r\nthis is not a session description\r\n");

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).hasText("The voice service sent a WebRTC answer this browser cannot use. "
        + "Press Reconnect; if it persists, check the provider settings.");
    assertReleased();
    assertThat(h.pageErrors).isEmpty();
    assertReconnectWorks(2);
  }

  @Test
  void givesUpWhenTheSettingsAreNeverConfirmedThenReconnects() {
    open();
    h.model.replySessionUpdated(false);
    widget.setSessionTimeoutMs(1500);

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).hasText(
        "The voice service did not confirm the session settings within 1.5 s. Press Reconnect to try again.");
    assertThat(h.model.received("session.update")).hasSize(1);
    assertReleased();
    h.model.replySessionUpdated(true);
    assertReconnectWorks(2);
  }

  @Test
  void showsTheProvidersReasonWhenItRejectsTheSettings() {
    open();
    h.model.rejectSessionUpdate("{\"type\":\"error\",\"event_id\":\"event_9\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"code\":\"unknown_parameter\",\"message\":\"Unknown parameter: 'session.temperature'.\",\"param\":\"session.temperature\",\"event_id\":null}}");

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).hasText("The voice service rejected the session settings: Unknown parameter: 'session.temperature'.");
    assertReleased();
  }

  @Test
  void explainsABlockedMicrophoneThenReconnectsOnceItIsAllowed() {
    open();
    h.model.microphoneFails("NotAllowedError"); // what getUserMedia throws when the site is blocked

    widget.start();

    widget.awaitState("error");
    assertThat(widget.message()).hasText(
        "Microphone access was blocked. Allow the microphone for this site (the icon in the address bar), then press Reconnect.");
    assertThat(h.model.calls()).isEmpty();
    h.model.microphoneFails(null); // the administrator allowed it
    assertReconnectWorks(2);
  }

  @Test
  void endsCleanlyWhenTheConnectionIsLostThenReconnects() {
    open();
    widget.start();
    widget.awaitState("listening");

    h.model.hangUp();

    widget.awaitState("ended");
    assertThat(widget.message()).hasText(
        "The data channel to the voice service was closed. Press Reconnect to start a new session.");
    assertReleased();
    assertThat(h.model.states()).endsWith("listening", "ended");
    assertReconnectWorks(2);
  }

  @Test
  void showsProviderErrorEventsWithoutEndingTheSession() {
    open();
    widget.start();
    widget.awaitState("listening");

    h.model.send("{\"type\":\"error\",\"event_id\":\"event_7\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"code\":\"conversation_already_has_active_response\",\"message\":\"Conversation already has an active response.\",\"param\":null,\"event_id\":null}}");

    assertThat(widget.message()).hasText("The voice service reported an error: Conversation already has an active response.");
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
    assertReleased();
    assertReconnectWorks(2);
  }

  @Test
  void mintsAFreshSecretWhenTheFirstExpiredBeforeTheOfferWasSent() {
    open();
    mint.validFor(2); // less than the widget's safety margin: already too old to use

    widget.start();

    widget.awaitState("listening");
    assertThat(mint.secrets()).hasSize(2);
    assertThat(h.model.calls()).singleElement()
        .satisfies(call -> assertThat(call.authorization()).isEqualTo("Bearer " + mint.secrets().get(1)));
  }

  /** The microphone is released and the peer connection closed. */
  private void assertReleased() {
    widget.until("the microphone is released", Duration.ofSeconds(5), () -> h.model.widgetMedia().liveMicrophoneTracks() == 0);
    WidgetMedia media = h.model.widgetMedia();
    if (media.connectionState() != null) {
      assertThat(media.connectionState()).isEqualTo("closed");
    }
  }

  private void assertReconnectWorks(int expectedMints) {
    assertThat(widget.startButton()).hasText("Reconnect");
    widget.startButton().click();
    widget.awaitState("listening");
    assertThat(widget.message()).isHidden();
    assertThat(mint.requests()).hasSize(expectedMints);
    var calls = h.model.calls();
    assertThat(calls.get(calls.size() - 1).authorization())
        .isEqualTo("Bearer " + mint.secrets().get(mint.secrets().size() - 1));
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("live");
  }
}
