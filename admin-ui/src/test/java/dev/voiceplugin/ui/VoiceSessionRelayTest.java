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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * transport="websocket": the widget takes a ticket, opens the relay socket and talks through it,
 * with the states, transcript, mute and stop of the WebRTC path. The plugin's side of the relay is
 * scripted in the page (RelayStub); its audio is VoiceSessionRelayAudioTest's.
 */
class VoiceSessionRelayTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
  private MintStub mint;
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
    relay = h.stubRelay();
    h.open(site.hostPage());
    widget = h.widget;
    widget.setTransport("websocket");
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  @Test
  void takesATicketOpensTheSocketAndListensOnlyOnceTheSessionIsConfirmed() {
    relay.confirmSessions(false);

    widget.start();

    widget.until("the relay socket is open", Duration.ofSeconds(10), relay::connected);
    h.page.waitForTimeout(800);
    assertThat(widget.state()).isEqualTo("connecting");
    assertThat(widget.status()).hasText("Connecting through the server…");
    assertThat(relay.received()).as("nothing is sent before session.updated").isEmpty();
    assertThat(relay.appendTimes()).isEmpty();

    relay.confirmSession();

    widget.awaitState("listening");
    assertThat(widget.status()).hasText("Listening · through the server");
    widget.until("audio is sent", Duration.ofSeconds(5), () -> relay.received("input_audio_buffer.append").size() >= 3);
    assertThat(relay.tickets()).singleElement().satisfies(t -> {
      assertThat(t.method()).isEqualTo("POST");
      assertThat(t.contentType()).isEqualTo("application/json");
      assertThat(t.csrfHeader()).isEqualTo("voice-plugin");
      assertThat(t.body()).isEqualTo("{}");
    });
    assertThat(relay.urls()).singleElement().asString()
        .matches("ws://127\\.0\\.0\\.1:\\d+/api/v1/realtime-relay\\?ticket=tkt_1_AbC-x9");
    assertThat(h.model.states()).containsExactly("connecting", "listening");
    assertThat(mint.requests()).as("no client secret on the relay").isEmpty();
    assertThat(h.model.calls()).as("no WebRTC call").isEmpty();
    assertThat(h.model.widgetMedia().connectionState()).as("no peer connection at all").isNull();
    assertThat(widget.timer()).isVisible();
    assertThat(widget.remaining()).isHidden(); // 600 s left is not worth showing yet
    assertThat(h.pageErrors).isEmpty();
    assertThat(h.model.cspViolations()).as("the worklets load under script-src 'self'").isEmpty();
  }

  @Test
  void showsBothSidesOfTheConversationAndFollowsWhoIsSpeaking() {
    startAndListen();

    relay.send(event("input_audio_buffer.speech_started", "\"audio_start_ms\":120,\"item_id\":\"item_u1\""));
    assertThat(widget.status()).hasText("You are speaking · through the server");
    for (String e : List.of(
        event("input_audio_buffer.speech_stopped", "\"audio_end_ms\":900,\"item_id\":\"item_u1\""),
        event("conversation.item.added", "\"item\":{\"id\":\"item_u1\",\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}"),
        event("response.created", "\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}"),
        event("response.output_audio_transcript.delta", "\"response_id\":\"resp_1\",\"item_id\":\"item_a1\",\"delta\":\"Ahoy,\""),
        event("response.output_audio_transcript.delta", "\"response_id\":\"resp_1\",\"item_id\":\"item_a1\",\"delta\":\" all is well.\""))) {
      relay.send(e);
    }
    assertThat(widget.status()).hasText("Assistant is speaking · through the server");
    assertThat(widget.turns()).hasCount(1);
    assertThat(widget.turns().nth(0)).containsText("Ahoy, all is well.");
    relay.send(event("conversation.item.input_audio_transcription.completed", "\"item_id\":\"item_u1\",\"transcript\":\"How are things?\""));
    relay.send(event("response.output_audio_transcript.done", "\"item_id\":\"item_a1\",\"transcript\":\"Ahoy, all is well.\""));
    relay.send(event("response.done", "\"response\":{\"id\":\"resp_1\",\"status\":\"completed\"}"));

    assertThat(widget.status()).hasText("Listening · through the server");
    assertThat(widget.turns()).hasCount(2);
    assertThat(widget.turns().nth(0)).hasClass("turn user");
    assertThat(widget.turns().nth(0)).containsText("How are things?");
    assertThat(widget.turns().nth(1)).hasClass("turn assistant");
    assertThat(h.model.states()).containsSubsequence("listening", "user-speaking", "listening", "assistant-speaking", "listening");
    widget.eventLog().locator("summary").click();
    assertThat(widget.eventLog()).containsText("relay open");
    assertThat(widget.eventLog()).containsText("session.updated");
    assertThat(widget.eventLog()).not().containsText("tkt_1"); // the ticket is as good as a key for 30 s
  }

  @Test
  void showsProviderErrorsWithoutEndingTheSession() {
    startAndListen();

    relay.send("{\"type\":\"error\",\"event_id\":\"e1\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"code\":\"relay_event_not_allowed\",\"message\":\"session.update may not change instructions\",\"param\":null}}");

    assertThat(widget.message()).hasText("The voice service reported an error (relay_event_not_allowed). "
        + "The session goes on; open the event log for the details.");
    assertThat(widget.state()).isEqualTo("listening");
    assertThat(relay.closedByWidget()).isEmpty();
  }

  @Test
  void muteStopsTheAudioUntilUnmuted() {
    startAndListen();
    widget.until("audio is sent", Duration.ofSeconds(5), () -> relay.appendTimes().size() >= 3);

    widget.muteButton().click();
    int sentBeforeMute = relay.appendTimes().size();
    h.page.waitForTimeout(700);

    assertThat(relay.appendTimes()).as("no audio while muted").hasSize(sentBeforeMute);
    assertThat(widget.status()).hasText("Listening · through the server · microphone muted");
    assertThat(h.model.widgetMedia().microphoneReadyState()).as("the microphone stays open for a quick unmute").isEqualTo("live");
    widget.until("the muted microphone meter fell to zero", Duration.ofSeconds(5), () -> widget.meter("local") == 0);

    widget.muteButton().click();
    widget.until("audio is sent again", Duration.ofSeconds(5), () -> relay.appendTimes().size() >= sentBeforeMute + 5);
    assertThat(widget.status()).hasText("Listening · through the server");
  }

  @Test
  void stopClosesTheSocketNormallyAndReleasesTheMicrophone() {
    startAndListen();

    widget.stopButton().click();

    widget.awaitState("ended");
    widget.until("the socket is closed", Duration.ofSeconds(5), () -> !relay.closedByWidget().isEmpty());
    assertThat(relay.closedByWidget()).singleElement().satisfies(c -> assertThat(c.code()).isEqualTo(1000));
    assertThat(widget.message()).hasText("The session has ended. The microphone is off.");
    assertThat(widget.status()).hasText("Session ended");
    new FailureChecks(h, mint).assertReleased();
    assertThat((Boolean) h.page.locator("voice-session audio").evaluate("a => a.srcObject === null")).isTrue();
    int sent = relay.appendTimes().size();
    h.page.waitForTimeout(300);
    assertThat(relay.appendTimes()).as("nothing is sent after Stop").hasSize(sent);
  }

  @Test
  void removingTheElementClosesTheSocket() {
    startAndListen();

    widget.element().evaluate("el => el.remove()");

    widget.until("the socket is closed", Duration.ofSeconds(5), () -> !relay.closedByWidget().isEmpty());
    assertThat(relay.closedByWidget().get(0).code()).isEqualTo(1000);
    new FailureChecks(h, mint).assertReleased();
  }

  @Test
  void reconnectTakesAFreshTicket() {
    startAndListen();
    widget.stopButton().click();
    widget.awaitState("ended");

    widget.startButton().click();

    widget.awaitState("listening");
    assertThat(relay.tickets()).hasSize(2);
    assertThat(relay.urls()).hasSize(2);
    assertThat(relay.urls().get(1)).endsWith("ticket=tkt_2_AbC-x9");
  }

  private void startAndListen() {
    widget.start();
    widget.awaitState("listening");
  }

  private static String event(String type, String fields) {
    return "{\"type\":\"" + type + "\",\"event_id\":\"event_" + type.hashCode() + "\"," + fields + "}";
  }
}
