package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a relay session ends or fails to start: every close code of the contract shows its own two
 * sentences (never the server's words), and a refused or unusable ticket says why. Each leaves the
 * microphone released and Reconnect working.
 */
class VoiceSessionRelayCloseTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
  private RelayStub relay;
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

  @BeforeEach
  void openPage() {
    h = SessionHarness.create(browser.newContext());
    MintStub mint = h.stubMint();
    relay = h.stubRelay();
    h.open(site.hostPage());
    widget = h.widget;
    widget.setTransport("websocket");
    check = new FailureChecks(h, mint);
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1000 | ended                  | The server ended this call. Start a new session to continue.
      1009 | message_too_big        | This page sent the server a message larger than it accepts, so the session was closed. Reload the page, then press Reconnect.
      1003 | binary_not_supported   | This page sent the server a kind of message it does not accept, so the session was closed. Reload the page, then press Reconnect.
      4400 | invalid_event          | The server could not read a message from this page, so the session was closed. Reload the page, then press Reconnect.
      4401 | relay_ticket_invalid   | The server did not accept the ticket for this connection; it may have expired on a slow network. Press Reconnect to get a new one.
      4403 | relay_origin_forbidden | The server refused a connection from this page's address. Open the admin panel at its usual address, or ask the platform operator to allow this one.
      4408 | relay_session_timeout  | The voice service did not confirm the session in time. Press Reconnect to try again.
      4409 | call_limit_reached     | This tenant already has as many calls under way as it may have. Wait until one ends, then press Reconnect.
      4410 | call_duration_cap      | The call reached its time limit. Start a new session to continue.
      4402 | usage_budget_exhausted | This tenant's monthly token budget is used up, so the call was ended. A tenant administrator can raise the budget under Calls and usage in the voice settings.
      4411 | ended_by_admin         | An administrator ended this call. Start a new session if you still need the assistant.
      4429 | relay_flood            | The server closed the session because this page sent audio faster than it should. Press Reconnect; if it happens again, reload the page.
      4430 | relay_slow_consumer    | The server closed the session because this browser fell behind in reading it, as a busy or sleeping device does. Press Reconnect to start a new session.
      4502 | provider_key_rejected  | The voice service refused the tenant's API key. A tenant administrator can save a valid key in the voice settings; then press Reconnect.
      4502 | provider_unavailable   | The voice service could not be reached from the server or dropped the session. Wait a moment, then press Reconnect.
      4502 | provider_error         | The voice service ended the session with an error. Press Reconnect to start a new one.
      4502 | provider_quota_oddity  | The voice service ended the session with an error. Press Reconnect to start a new one.
      4503 | relay_unavailable      | The plugin server is shutting down or restarting, so the session was closed. Wait a moment, then press Reconnect.
      4401 | ''                     | The server did not accept the ticket for this connection; it may have expired on a slow network. Press Reconnect to get a new one.
      4999 | Proxy says: <b>sk-live-123</b> | The connection to the plugin server was lost. Press Reconnect to start a new session.
      """)
  void saysWhatEachCloseCodeMeansThenReconnects(int code, String reason, String expected) {
    widget.start();
    widget.awaitState("listening");

    relay.close(code, reason);

    widget.awaitState("ended");
    check.assertMessage(expected);
    assertThat(widget.allText()).doesNotContain("sk-live").doesNotContain("Proxy says");
    check.assertReleased();
    assertThat(relay.closedByWidget()).as("the server closed it; the widget did not close it again").isEmpty();
    widget.startButton().click();
    widget.awaitState("listening");
    assertThat(relay.tickets()).hasSize(2);
  }

  @Test
  void aCloseBeforeTheSessionIsConfirmedFailsTheStart() {
    relay.confirmSessions(false);
    widget.start();
    widget.until("the relay socket is open", Duration.ofSeconds(10), relay::connected);

    relay.close(4408, "relay_session_timeout");

    widget.awaitState("error");
    check.assertMessage("The voice service did not confirm the session in time. Press Reconnect to try again.");
    check.assertReleased();
  }

  @Test
  void givesUpWhenTheSessionIsNeverConfirmed() {
    relay.confirmSessions(false);
    widget.setSessionTimeoutMs(1500);

    widget.start();

    widget.awaitState("error");
    check.assertMessage("The voice service did not confirm the session settings within 1.5 s. Press Reconnect to try again.");
    check.assertReleased();
    widget.until("the socket is closed", Duration.ofSeconds(5), () -> !relay.closedByWidget().isEmpty());
    assertThat(relay.closedByWidget().get(0).code()).isEqualTo(1000);
  }

  @Test
  void showsTheServersHintWhenTheRelayIsRefused() {
    relay.refuseNextTicket(403, "relay_disabled", "Calls through the server are switched off for this tenant.",
        "A tenant administrator can allow them under Calls and usage in the voice settings.");

    widget.start();

    widget.awaitState("error");
    check.assertMessage("Calls through the server are switched off for this tenant. "
        + "A tenant administrator can allow them under Calls and usage in the voice settings.");
    assertThat(relay.urls()).as("no socket without a ticket").isEmpty();
    check.assertReleased();
  }

  @Test
  void saysTheServerHasNoRelayWhenTheTicketEndpointIsMissing() {
    h.page.route("**/api/v1/realtime-relay/tickets", route -> route.fulfill(
        new com.microsoft.playwright.Route.FulfillOptions().setStatus(404).setContentType("text/html").setBody("<h1>Not Found</h1>")));

    widget.start();

    widget.awaitState("error");
    check.assertMessage("No connection through the plugin server could be opened; a proxy or firewall may be blocking WebSockets. "
        + "Check the network, then press Reconnect.");
  }

  @Test
  void refusesATicketItCannotUse() {
    relay.answerTicketsWith("{\"ticket\":\"t\",\"url\":\"/api/v1/realtime-relay?ticket=t\",\"audio\":{\"format\":\"audio/pcmu\"}}");

    widget.start();

    widget.awaitState("error");
    check.assertMessage("The server answered without a usable ticket for a call through the server; the page and the server may be "
        + "different versions. Reload the page, then start again.");
    assertThat(relay.urls()).isEmpty();
  }
}
