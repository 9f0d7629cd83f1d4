package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceplugin.ui.session.CallsStub;
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
import org.junit.jupiter.api.Test;

/**
 * Push-to-talk on both transports: the tenant offers it (options.pushToTalk), the user switches it,
 * the provider's turn detection goes off and comes back as the tenant had it, the microphone carries
 * sound only while Talk is held (mouse or Space), and letting go commits and asks for the answer.
 * Talking over the assistant stops it: WebRTC clears the provider's output buffer, the relay its own
 * playback (the relay does not forward output_audio_buffer.clear).
 */
class VoiceSessionPushToTalkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  @AfterEach
  void closePage() {
    if (h != null) {
      h.close();
    }
  }

  /** Browser mode over WebRTC (the mint's session.update carries the tenant's turn detection). */
  private void openWebRtc(String pushToTalk) {
    h = SessionHarness.create(browser.newContext());
    h.stubMint();
    calls = h.stubCalls().mode("browser").options("\"pushToTalk\":\"" + pushToTalk + "\"");
    h.open(site.hostPage());
    widget = h.widget;
  }

  @Test
  void offeredStartsOffAndSwitchingMidCallTurnsTheTenantsTurnDetectionOffAndBack() throws Exception {
    openWebRtc("offered");
    assertThat(widget.pushToTalkSwitch()).isVisible();
    assertThat(widget.pushToTalkSwitch()).not().isChecked();
    widget.start();
    widget.awaitState("listening");
    assertThat(widget.talkButton()).isHidden();
    assertThat(h.model.received("session.update")).as("only the tenant's settings").hasSize(1);

    widget.pushToTalkSwitch().check();

    widget.until("push-to-talk is sent", Duration.ofSeconds(5), () -> h.model.received("session.update").size() == 2);
    assertThat(h.model.received("session.update").get(1)).isEqualTo(JSON.readTree(
        "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":null}}}}"));
    assertThat(widget.talkButton()).isVisible();
    assertThat(widget.status()).hasText("Hold to talk");
    assertThat(h.model.widgetMedia().senderTrackEnabled()).as("nothing is heard until Talk is held").isFalse();

    widget.pushToTalkSwitch().uncheck();

    widget.until("turn detection is put back", Duration.ofSeconds(5), () -> h.model.received("session.update").size() == 3);
    JsonNode tenants = JSON.readTree(MintStub.SESSION_UPDATE).at("/session/audio/input/turn_detection");
    assertThat(h.model.received("session.update").get(2).at("/session/audio/input/turn_detection")).isEqualTo(tenants);
    assertThat(h.model.received("session.update").get(2).at("/session/audio/input").size()).as("nothing else changes").isEqualTo(1);
    assertThat(widget.talkButton()).isHidden();
    assertThat(h.model.widgetMedia().senderTrackEnabled()).isTrue();
    assertThat(widget.status()).hasText("Listening");
    assertThat(h.pageErrors).isEmpty();
  }

  @Test
  void keyboardOnlyHoldSpaceOnTalkThenLetGoCommitsAndAsksForTheAnswer() {
    openWebRtc("on");
    assertThat(widget.pushToTalkSwitch()).isChecked();

    h.page.keyboard().press("Tab");
    assertThat(widget.focused()).isEqualTo("button.start");
    h.page.keyboard().press("Enter");
    widget.awaitState("listening");
    widget.until("push-to-talk is on at the provider", Duration.ofSeconds(5), () -> h.model.received("session.update").size() == 2);
    assertThat(h.model.received("session.update").get(1).at("/session/audio/input/turn_detection").isNull()).isTrue();
    assertThat(widget.focused()).as("Start went away: Stop has the focus").isEqualTo("button.stop");
    h.page.keyboard().press("Shift+Tab");
    h.page.keyboard().press("Shift+Tab");
    assertThat(widget.focused()).isEqualTo("button.talk");
    assertThat(h.model.widgetMedia().senderTrackEnabled()).isFalse();

    h.page.keyboard().down("Space");

    assertThat(widget.talkButton()).hasAttribute("aria-pressed", "true");
    widget.awaitState("user-speaking");
    assertThat(widget.status()).hasText("You are speaking");
    widget.until("the buffer is cleared for the new turn", Duration.ofSeconds(5),
        () -> !h.model.received("input_audio_buffer.clear").isEmpty());
    assertThat(h.model.widgetMedia().senderTrackEnabled()).as("the microphone carries sound while held").isTrue();
    h.page.waitForTimeout(500);
    assertThat(h.model.received("input_audio_buffer.commit")).as("not before letting go").isEmpty();

    h.page.keyboard().up("Space");

    widget.until("commit and response.create", Duration.ofSeconds(5), () -> !h.model.received("response.create").isEmpty());
    List<String> types = h.model.received().stream().map(e -> e.path("type").asText()).toList();
    assertThat(types.subList(types.indexOf("input_audio_buffer.commit"), types.size()))
        .containsExactly("input_audio_buffer.commit", "response.create");
    assertThat(h.model.received("response.create").get(0).size()).as("a plain response.create").isEqualTo(1);
    assertThat(h.model.widgetMedia().senderTrackEnabled()).isFalse();
    assertThat(widget.talkButton()).hasAttribute("aria-pressed", "false");
    widget.awaitState("listening");
    assertThat(widget.focused()).isEqualTo("button.talk");
    assertThat(h.model.received("input_audio_buffer.append")).isEmpty();
  }

  @Test
  void aTapTooShortToHoldWordsIsClearedNotCommitted() {
    openWebRtc("on");
    widget.start();
    widget.awaitState("listening");
    widget.until("push-to-talk is on", Duration.ofSeconds(5), () -> h.model.received("session.update").size() == 2);

    widget.talkButton().click();

    widget.until("the tap is cleared", Duration.ofSeconds(5), () -> h.model.received("input_audio_buffer.clear").size() == 2);
    assertThat(h.model.received("input_audio_buffer.commit")).isEmpty();
    assertThat(widget.message()).hasText("Hold the Talk button (or Space) while you speak, then let go.");
  }

  @Test
  void theUsersChoiceIsRememberedInThisBrowser() {
    openWebRtc("offered");
    widget.pushToTalkSwitch().check();

    h.page.reload();
    h.page.waitForFunction("() => customElements.get('voice-session') !== undefined");

    assertThat(widget.pushToTalkSwitch()).isChecked();
  }

  @Test
  void holdingTalkOverTheAssistantCancelsItsAnswerClearsTheOutputAndMarksItInterrupted() {
    openWebRtc("on");
    widget.start();
    widget.awaitState("listening");
    widget.until("push-to-talk is on", Duration.ofSeconds(5), () -> h.model.received("session.update").size() == 2);
    h.model.sendAll(List.of(
        "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}}",
        "{\"type\":\"output_audio_buffer.started\",\"response_id\":\"resp_1\"}",
        "{\"type\":\"response.output_audio_transcript.delta\",\"response_id\":\"resp_1\",\"item_id\":\"item_a1\",\"delta\":\"Let me tell you a long\"}"));
    widget.awaitState("assistant-speaking");

    widget.talkButton().hover();
    h.page.mouse().down();

    widget.until("the answer is cancelled and its audio cleared", Duration.ofSeconds(5),
        () -> !h.model.received("output_audio_buffer.clear").isEmpty());
    List<String> types = h.model.received().stream().map(e -> e.path("type").asText()).toList();
    assertThat(types.subList(types.indexOf("response.cancel"), types.size()))
        .containsExactly("response.cancel", "output_audio_buffer.clear", "input_audio_buffer.clear");
    h.model.sendAll(List.of(
        "{\"type\":\"output_audio_buffer.cleared\",\"response_id\":\"resp_1\"}",
        "{\"type\":\"response.done\",\"response\":{\"id\":\"resp_1\",\"status\":\"cancelled\",\"status_details\":{\"type\":\"cancelled\","
            + "\"reason\":\"client_cancelled\"},\"output\":[{\"id\":\"item_a1\",\"type\":\"message\",\"role\":\"assistant\"}]}}"));
    assertThat(widget.turns().nth(0).locator(".speaker")).hasText("Assistant · interrupted");
    assertThat(widget.turns().nth(0)).hasClass("turn assistant interrupted");
    widget.awaitState("user-speaking");
    h.page.waitForTimeout(300);
    h.page.mouse().up();
    widget.until("the user's turn is sent", Duration.ofSeconds(5), () -> !h.model.received("response.create").isEmpty());
    assertThat(widget.message()).isHidden();
  }

  @Test
  void gptLiveTenantsGetNeitherPushToTalkNorTyping() {
    h = SessionHarness.create(browser.newContext());
    calls = h.stubCalls().options("\"api\":\"live\",\"browserEvents\":[\"session.input_audio.mute\"],\"pushToTalk\":\"on\"");
    h.open(site.hostPage());
    widget = h.widget;
    h.model.greetWith(null);

    widget.start();
    widget.until("the data channel is open", Duration.ofSeconds(10), h.model::channelOpen);
    h.model.send("{\"type\":\"session.started\",\"session\":{\"id\":\"live_1\"}}");
    widget.awaitState("listening");

    assertThat(widget.pushToTalkSwitch()).isHidden();
    assertThat(widget.talkButton()).isHidden();
    assertThat(widget.typingBox()).isHidden();
    assertThat(h.model.received("session.update")).isEmpty();
    assertThat(h.model.widgetMedia().senderTrackEnabled()).isTrue();
  }

  @Test
  void overTheRelayOnlyHeldAudioIsSentAndTheInterruptionStopsLocalPlayback() throws Exception {
    h = SessionHarness.create(browser.newContext());
    h.stubMint();
    calls = h.stubCalls().options("\"pushToTalk\":\"on\",\"relay\":\"offer\"");
    RelayStub relay = h.stubRelay();
    h.open(site.hostPage());
    widget = h.widget;
    widget.setTransport("websocket");
    assertThat(widget.pushToTalkSwitch()).isChecked();

    widget.start();
    widget.awaitState("listening");
    widget.until("push-to-talk is on at the provider", Duration.ofSeconds(5), () -> !relay.received("session.update").isEmpty());
    assertThat(relay.received("session.update").get(0)).isEqualTo(JSON.readTree(
        "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":null}}}}"));
    h.page.waitForTimeout(600);
    assertThat(relay.appendTimes()).as("no audio while Talk is not held").isEmpty();
    // The assistant speaks: a second of audio, played by the widget's own worklet.
    relay.send("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}}");
    relay.send("{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"item_a1\",\"delta\":\"Well, as I was saying\"}");
    relay.send("{\"type\":\"response.output_audio.delta\",\"item_id\":\"item_a1\",\"delta\":\"" + silence(24000) + "\"}");
    widget.awaitState("assistant-speaking");

    widget.talkButton().hover();
    h.page.mouse().down();

    widget.until("the played part is truncated", Duration.ofSeconds(5), () -> !relay.received("conversation.item.truncate").isEmpty());
    assertThat(relay.received("response.cancel")).hasSize(1);
    assertThat(relay.received("output_audio_buffer.clear")).as("WebRTC only: the relay would refuse it").isEmpty();
    assertThat(relay.received("conversation.item.truncate").get(0).path("item_id").asText()).isEqualTo("item_a1");
    assertThat(widget.turns().nth(0).locator(".speaker")).hasText("Assistant · interrupted");
    widget.until("held audio is sent", Duration.ofSeconds(5), () -> relay.appendTimes().size() >= 5);
    h.page.waitForTimeout(300);
    h.page.mouse().up();

    widget.until("commit and response.create", Duration.ofSeconds(5), () -> !relay.received("response.create").isEmpty());
    assertThat(relay.received("input_audio_buffer.commit")).hasSize(1);
    assertThat(relay.received("response.create").get(0).size()).as("the relay forwards only a plain response.create").isEqualTo(1);
    int sent = relay.appendTimes().size();
    h.page.waitForTimeout(500);
    assertThat(relay.appendTimes().size()).as("at most a frame in flight after letting go").isLessThanOrEqualTo(sent + 1);
    h.page.waitForTimeout(300);
    assertThat(relay.received().stream().filter(e -> e.path("type").asText().equals("error"))).isEmpty();
  }

  /** {@code samples} of PCM16 silence, base64. */
  private static String silence(int samples) {
    return java.util.Base64.getEncoder().encodeToString(new byte[samples * 2]);
  }
}
