package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import dev.voiceplugin.ui.session.FakeModel.WidgetMedia;
import dev.voiceplugin.ui.session.MintStub;
import dev.voiceplugin.ui.session.SameJson;
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
 * A whole voice session in real headless Chromium against a real WebRTC peer playing the provider
 * (in the same page). The mint endpoint is stubbed here; VoiceSessionRealServerTest uses the server.
 */
class VoiceSessionConversationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  @BeforeEach
  void openPage() {
    h = SessionHarness.create(browser.newContext());
    mint = h.stubMint();
    h.open(site.hostPage());
    widget = h.widget;
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  @Test
  void sendsExactlyTheMintedSessionUpdateAndReportsListeningOnlyOnceItIsConfirmed() throws Exception {
    h.model.replySessionUpdated(false);
    widget.setSessionTimeoutMs(30_000);
    widget.start();

    widget.until("the model received session.update", Duration.ofSeconds(15), () -> !h.model.received("session.update").isEmpty());
    h.page.waitForTimeout(300);
    assertThat(widget.state()).isEqualTo("connecting");
    assertThat(widget.status()).hasText("Connecting…");

    h.model.send("{\"type\":\"session.updated\",\"event_id\":\"event_late\",\"session\":{\"type\":\"realtime\"}}");
    widget.awaitState("listening");
    assertThat(widget.status()).hasText("Listening");

    JsonNode expected = JSON.readTree(MintStub.SESSION_UPDATE);
    assertThat(h.model.received("session.update")).hasSize(1);
    SameJson.assertSameJson(h.model.received("session.update").get(0), expected);
    assertThat(h.model.channelLabels()).containsExactly("oai-events");
    assertThat(mint.requests()).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.csrfHeader()).isEqualTo("voice-plugin");
      assertThat(r.body()).as("the mint request has no body").isNullOrEmpty();
    });
    assertThat(h.model.calls()).singleElement().satisfies(call -> {
      assertThat(call.url()).isEqualTo(MintStub.WEBRTC_URL);
      assertThat(call.authorization()).isEqualTo("Bearer " + mint.secrets().get(0));
      assertThat(call.contentType()).startsWith("application/sdp");
      assertThat(call.offer()).startsWith("v=0").contains("m=audio").contains("m=application");
    });
    assertThat(h.model.states()).containsExactly("connecting", "listening");
    assertThat(widget.timer()).isVisible();
    assertThat(h.blocked).isEmpty();
  }

  @Test
  void doesNotWaitForSessionUpdatedWhenAzureFiltersItOutOfTheChannel() {
    // With ?webrtcfilter=on Azure forwards only transcript and speaking events to the browser.
    mint.webrtcUrl("https://voice-test.openai.azure.com/openai/v1/realtime/calls?webrtcfilter=on");
    h.model.replySessionUpdated(false);
    widget.setSessionTimeoutMs(30_000);

    widget.start();

    widget.awaitState("listening", Duration.ofSeconds(10));
    // Listening comes as soon as the settings are sent; the model reads them a moment later.
    widget.until("the model received session.update", Duration.ofSeconds(5), () -> !h.model.received("session.update").isEmpty());
    assertThat(h.model.received("session.update")).hasSize(1);
    assertThat(h.model.calls()).singleElement()
        .satisfies(call -> assertThat(call.url()).endsWith("/openai/v1/realtime/calls?webrtcfilter=on"));
  }

  @Test
  void showsBothSidesOfTheConversationInOrderAndFollowsWhoIsSpeaking() {
    startAndListen();

    h.model.send(event("input_audio_buffer.speech_started", "\"audio_start_ms\":120,\"item_id\":\"item_u1\""));
    assertThat(widget.status()).hasText("You are speaking");
    h.model.sendAll(List.of(
        event("input_audio_buffer.speech_stopped", "\"audio_end_ms\":900,\"item_id\":\"item_u1\""),
        event("input_audio_buffer.committed", "\"item_id\":\"item_u1\""),
        event("conversation.item.added", "\"item\":{\"id\":\"item_u1\",\"object\":\"realtime.item\",\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}"),
        event("response.created", "\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}"),
        event("conversation.item.added", "\"item\":{\"id\":\"item_a1\",\"object\":\"realtime.item\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}"),
        event("output_audio_buffer.started", "\"response_id\":\"resp_1\""),
        delta("Ahoy,"), delta(" the weather"), delta(" is fine.")));
    assertThat(widget.status()).hasText("Assistant is speaking");
    h.model.sendAll(List.of(
        // The user's words are transcribed after the answer began, as the real service does.
        event("conversation.item.input_audio_transcription.completed",
            "\"item_id\":\"item_u1\",\"content_index\":0,\"transcript\":\"How is the weather today?\""),
        event("response.output_audio_transcript.done",
            "\"response_id\":\"resp_1\",\"item_id\":\"item_a1\",\"output_index\":0,\"content_index\":0,\"transcript\":\"Ahoy, the weather is fine.\""),
        event("response.done", "\"response\":{\"id\":\"resp_1\",\"status\":\"completed\"}"),
        event("output_audio_buffer.stopped", "\"response_id\":\"resp_1\""),
        event("response.output_text.delta", "\"response_id\":\"resp_2\",\"item_id\":\"item_a2\",\"output_index\":0,\"content_index\":0,\"delta\":\"Typed \""),
        event("response.output_text.done", "\"response_id\":\"resp_2\",\"item_id\":\"item_a2\",\"output_index\":0,\"content_index\":0,\"text\":\"Typed answer.\"")));

    assertThat(widget.turns()).hasCount(3);
    assertThat(widget.turns().nth(0)).hasClass("turn user");
    assertThat(widget.turns().nth(0)).containsText("How is the weather today?");
    assertThat(widget.turns().nth(1)).hasClass("turn assistant");
    assertThat(widget.turns().nth(1)).containsText("Ahoy, the weather is fine.");
    assertThat(widget.turns().nth(2)).containsText("Typed answer.");
    assertThat(widget.status()).hasText("Listening");
    assertThat(h.model.states()).containsSubsequence(
        "connecting", "listening", "user-speaking", "listening", "assistant-speaking", "listening");

    // The event log lists what went each way, and nothing anywhere shows the client secret.
    widget.eventLog().locator("summary").click();
    assertThat(widget.eventLog().locator("li").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("session.update")).first()).isVisible();
    assertThat(widget.eventLog()).containsText("output_audio_buffer.started");
    String secret = mint.secrets().get(0);
    assertThat(widget.allText()).doesNotContain(secret).doesNotContain("ek_");
    assertThat(h.console).noneMatch(line -> line.contains("ek_"));
    assertThat(h.pageErrors).isEmpty();
  }

  @Test
  void playsTheAssistantsAudioAndMovesBothLevelMeters() {
    startAndListen();

    widget.until("the widget received audio bytes", Duration.ofSeconds(10), () -> h.model.widgetInboundAudioBytes() > 2_000);
    widget.until("the assistant level meter moved", Duration.ofSeconds(10), () -> widget.meter("remote") > 0.2);
    // Chromium's fake microphone beeps twice a second.
    widget.until("the microphone level meter moved", Duration.ofSeconds(10), () -> widget.meter("local") > 0.05);
    boolean playing = (Boolean) h.page.locator("voice-session audio").evaluate(
        "a => a.srcObject instanceof MediaStream && a.srcObject.getAudioTracks()[0].readyState === 'live' && !a.paused");
    assertThat(playing).isTrue();
  }

  @Test
  void muteDisablesTheOutgoingTrackUntilUnmuted() {
    startAndListen();
    assertThat(h.model.widgetMedia().senderTrackEnabled()).isTrue();

    widget.muteButton().click();
    assertThat(widget.muteButton()).hasAttribute("aria-pressed", "true");
    assertThat(widget.status()).hasText("Listening · microphone muted");
    assertThat(h.model.widgetMedia().senderTrackEnabled()).isFalse();
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("live");
    widget.until("the muted microphone meter fell to zero", Duration.ofSeconds(5), () -> widget.meter("local") == 0);

    widget.muteButton().click();
    assertThat(widget.muteButton()).hasAttribute("aria-pressed", "false");
    assertThat(h.model.widgetMedia().senderTrackEnabled()).isTrue();
    assertThat(widget.status()).hasText("Listening");
  }

  @Test
  void stopReleasesTheMicrophoneAndClosesTheConnection() {
    startAndListen();
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("live");

    widget.stopButton().click();

    widget.awaitState("ended");
    WidgetMedia media = h.model.widgetMedia();
    assertThat(media.microphoneReadyState()).isEqualTo("ended");
    assertThat(media.liveMicrophoneTracks()).isZero();
    assertThat(media.connectionState()).isEqualTo("closed");
    assertThat(media.signalingState()).isEqualTo("closed");
    widget.until("the model saw the channel close", Duration.ofSeconds(10),
        () -> "closed".equals(h.model.widgetMedia().modelChannelState()));
    assertThat(widget.status()).hasText("Session ended");
    assertThat(widget.startButton()).hasText("Start a new session");
    assertThat(widget.stopButton()).isHidden();
    assertThat(widget.muteButton()).isHidden();
    assertThat(h.model.states()).endsWith("ended");
  }

  @Test
  void removingTheElementReleasesTheMicrophoneAndClosesTheConnection() {
    startAndListen();

    widget.element().evaluate("el => el.remove()");

    WidgetMedia media = h.model.widgetMedia();
    assertThat(media.microphoneReadyState()).isEqualTo("ended");
    assertThat(media.connectionState()).isEqualTo("closed");
  }

  @Test
  void stopWhileConnectingCancelsAndReleasesTheMicrophone() {
    h.model.replySessionUpdated(false);
    widget.start();
    widget.until("the model received session.update", Duration.ofSeconds(15), () -> !h.model.received("session.update").isEmpty());

    widget.stopButton().click();

    widget.awaitState("ended");
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("ended");
    assertThat(h.model.widgetMedia().connectionState()).isEqualTo("closed");
    assertThat(widget.message()).not().hasAttribute("data-kind", "error");
  }

  @Test
  void canBeUsedWithTheKeyboardAloneAndNamesEveryControl() {
    Page page = h.page;
    assertThat(page.getByRole(AriaRole.STATUS)).hasText("Ready");
    assertThat(page.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Transcript"))).isAttached();
    // The log wraps the list of turns (a list keeps its role, so its items stay list items for assistive technology).
    assertThat(page.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Transcript"))).hasAttribute("aria-live", "polite");
    assertThat(page.locator("voice-session [role=log] > ol.transcript")).isAttached();

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start voice session")).focus();
    page.keyboard().press("Enter");
    widget.awaitState("listening");
    // Focus follows the control that replaced the one pressed.
    assertThat(isFocused(widget.stopButton())).isTrue();

    page.keyboard().press("Shift+Tab");
    assertThat(isFocused(widget.muteButton())).isTrue();
    page.keyboard().press("Space");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mute").setPressed(true))).isVisible();

    page.keyboard().press("Tab");
    page.keyboard().press("Enter");
    widget.awaitState("ended");
    assertThat(isFocused(widget.startButton())).isTrue();
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("ended");
  }

  private void startAndListen() {
    widget.start();
    widget.awaitState("listening");
  }

  private static boolean isFocused(com.microsoft.playwright.Locator locator) {
    return (Boolean) locator.evaluate("el => el.getRootNode().activeElement === el");
  }

  private static String event(String type, String fields) {
    return "{\"type\":\"" + type + "\",\"event_id\":\"event_" + type.hashCode() + "\"," + fields + "}";
  }

  private static String delta(String text) {
    return event("response.output_audio_transcript.delta",
        "\"response_id\":\"resp_1\",\"item_id\":\"item_a1\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + text + "\"");
  }
}
