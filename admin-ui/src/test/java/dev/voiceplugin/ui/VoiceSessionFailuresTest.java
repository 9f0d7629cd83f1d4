package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.ui.session.FailureChecks;
import dev.voiceplugin.ui.session.MintStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way a session fails before the call is up (the mint, the microphone, the SDP exchange)
 * shows its own message, releases what it opened, and is followed by a Reconnect that mints a
 * fresh client secret and works. Failures after that: {@link VoiceSessionChannelFailuresTest}.
 */
class VoiceSessionFailuresTest {
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
  void showsTheServersHintWhenNoProviderKeyIsConfiguredThenReconnects() {
    open();
    mint.failNext(503, "provider_not_configured", "No OpenAI API key is configured for this tenant.",
        "Ask the platform operator to set OPENAI_API_KEY.", Map.of());

    widget.start();

    widget.awaitState("error");
    check.assertMessage(
        "No OpenAI API key is configured for this tenant. Ask the platform operator to set OPENAI_API_KEY.");
    assertThat(widget.message()).hasAttribute("role", "alert");
    assertThat(h.model.getUserMediaCalls()).as("the microphone is not asked for without a session").isZero();
    check.assertReconnectWorks(2);
  }

  @Test
  void waitsOutRetryAfterWhenTheServerRateLimitsThenReconnects() {
    open();
    mint.failNext(429, "rate_limited", "Too many voice sessions were started.",
        "Wait a little before starting another one.", Map.of("Retry-After", "2"));

    widget.start();

    widget.awaitState("error");
    check.assertMessage("Too many voice sessions were started. Wait a little before starting another one.");
    assertThat(widget.startButton()).isDisabled();
    assertThat(widget.startButton()).hasText(java.util.regex.Pattern.compile("Reconnect in [12] s"));
    assertThat(widget.startButton()).isEnabled(new com.microsoft.playwright.assertions.LocatorAssertions.IsEnabledOptions().setTimeout(5_000));
    check.assertReconnectWorks(2);
  }

  /** What the provider's SDP endpoint may answer instead of an SDP answer, and what the administrator reads. */
  @ParameterizedTest(name = "HTTP {0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      404 | text/plain       | not here | The voice service has no WebRTC endpoint at api.openai.com (HTTP 404). Check the provider and model in the voice settings, then press Reconnect.
      400 | application/json | {"error":{"message":"Invalid SDP offer: m=audio missing","code":"invalid_offer"}} | The voice service refused the connection (HTTP 400). Check the provider and model in the voice settings, then press Reconnect.
      429 | application/json | {"error":{"message":"Too many calls for org-123","code":"rate_limit_exceeded"}} | The voice service is busy (HTTP 429). Wait a moment, then press Reconnect.
      500 | application/json | {"error":{"message":"The server had an error while processing your request. req_9f3","type":"server_error"}} | The voice service could not take the call (HTTP 500). Wait a moment, then press Reconnect.
      502 | text/html        | <html><body><h1>502 Bad Gateway</h1></body></html> | The voice service could not take the call (HTTP 502). Wait a moment, then press Reconnect.
      200 | text/html        | <html><body>Sign in to the office proxy</body></html> | The reply from api.openai.com (HTTP 200) was not a WebRTC answer. Check the provider and model in the voice settings and any proxy in between, then press Reconnect.
      """)
  void explainsAnOfferThatGotNoAnswerInTwoSentencesWithoutTheProvidersText(int status, String type, String body, String expected) {
    open();
    h.model.answerNextOfferWith(status, type, body);

    widget.start();

    widget.awaitState("error");
    check.assertMessage(expected);
    assertThat(widget.message()).not().containsText("SDP");
    for (String upstream : List.of("not here", "Invalid SDP", "org-123", "req_9f3", "Bad Gateway", "office proxy")) {
      assertThat(widget.message()).not().containsText(upstream);
    }
    check.assertReleased();
    check.assertReconnectWorks(2);
  }

  @Test
  void asksForANewKeyWhenTheProviderRefusesTheSecretThenReconnectsWithAFreshOne() {
    open();
    h.model.answerNextOfferWith(401, "application/json",
        "{\"error\":{\"message\":\"Invalid ephemeral key provided.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\",\"param\":null}}");

    widget.start();

    widget.awaitState("error");
    check.assertMessage("The voice service refused the session key (HTTP 401). Press Reconnect to try with a new key.");
    assertThat(widget.eventLog()).containsText("invalid_api_key");
    check.assertReleased();
    check.assertReconnectWorks(2);
    assertThat(h.model.calls()).hasSize(2);
    assertThat(h.model.calls().get(1).authorization()).isEqualTo("Bearer " + mint.secrets().get(1))
        .isNotEqualTo("Bearer " + mint.secrets().get(0));
  }

  @Test
  void namesTheProviderHostWhenTheOfferCannotBeSent() {
    open();
    h.model.failNextOfferAtTheNetwork();

    widget.start();

    widget.awaitState("error");
    check.assertMessage("The voice service at api.openai.com could not be reached. Check the network, proxy or firewall, then press Reconnect.");
    check.assertReleased();
    check.assertReconnectWorks(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      network | The plugin server could not be reached. Check your connection, then press Reconnect.
      502     | The plugin server answered HTTP 502 instead of a voice session. Wait a moment, then press Reconnect.
      404     | The plugin API was not found (HTTP 404). Check the api-base attribute of the voice-session element, then reload the page.
      hintless | The voice session is not available. Press Reconnect to try again.
      incomplete | The server answered without a usable voice session; the page and the server may be different versions. Reload the page, then start again.
      """)
  void explainsAMintThatFailedWithoutAProblemDocument(String failure, String expected) {
    open();
    switch (failure) {
      case "network" -> mint.failNextAtTheNetwork();
      case "hintless" -> mint.failNext(500, "internal_error", "The voice session is not available.", "", Map.of());
      case "incomplete" -> mint.answerNextWith(200, "application/json", "{\"provider\":\"openai\",\"model\":\"gpt-realtime\"}");
      default -> mint.answerNextWith(Integer.parseInt(failure), "text/html", "<html><body>nginx: upstream timed out</body></html>");
    }

    widget.start();

    widget.awaitState("error");
    check.assertMessage(expected);
    assertThat(h.model.getUserMediaCalls()).isZero();
    check.assertReconnectWorks(2);
  }

  @Test
  void explainsAnAnswerTheBrowserCannotUseWithoutTalkingAboutSdp() {
    open();
    h.model.answerNextOfferWith(201, "application/sdp", "v=0\r\nthis is not a session description\r\n");

    widget.start();

    widget.awaitState("error");
    check.assertMessage("The voice service sent a WebRTC answer this browser cannot use. "
        + "Press Reconnect; if it happens again, try another browser.");
    check.assertReleased();
    assertThat(h.pageErrors).isEmpty();
    check.assertReconnectWorks(2);
  }

  @Test
  void explainsABlockedMicrophoneThenReconnectsOnceItIsAllowed() {
    open();
    h.model.microphoneFails("NotAllowedError"); // what getUserMedia throws when the site is blocked

    widget.start();

    widget.awaitState("error");
    check.assertMessage("Microphone access was blocked. Allow the microphone for this site (the icon in the address bar), then press Reconnect.");
    assertThat(h.model.calls()).isEmpty();
    h.model.microphoneFails(null); // the administrator allowed it
    check.assertReconnectWorks(2);
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
}
