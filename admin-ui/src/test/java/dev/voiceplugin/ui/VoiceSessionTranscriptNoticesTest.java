package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import dev.voiceplugin.ui.session.CallsStub;
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
 * What the transcript area says beyond the words: that the user's words are not transcribed when the
 * tenant has transcription off, that the transcript is kept (and how long) when the tenant stores
 * it, and which of the assistant's answers the user cut off (voice activity barge-in on WebRTC,
 * the relay's own flush).
 */
class VoiceSessionTranscriptNoticesTest {
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
    calls = h.stubCalls();
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  private void open() {
    h.open(site.hostPage());
    widget = h.widget;
  }

  @Test
  void transcriptionOffShowsAHintOnceTheSessionStarts() {
    calls.options("\"userTranscription\":false");
    open();
    assertThat(widget.untranscribedHint()).isHidden();

    widget.start();
    widget.awaitState("listening");

    assertThat(widget.untranscribedHint()).isVisible();
    assertThat(widget.untranscribedHint()).hasText(
        "Your words are not transcribed, only the assistant's. To see yours, turn on transcription in the voice settings.");
  }

  @Test
  void transcriptionOnShowsNoHint() {
    calls.options("\"userTranscription\":true");
    open();
    widget.start();
    widget.awaitState("listening");

    assertThat(widget.untranscribedHint()).isHidden();
  }

  @Test
  void withoutTheOptionsWordTheConfirmedSessionTells() {
    calls.mode("browser"); // the mint's session has input transcription: no hint
    open();
    widget.start();
    widget.awaitState("listening");

    assertThat(widget.untranscribedHint()).isHidden();
  }

  @Test
  void aStoredTranscriptIsAnnouncedBeforeStartWithItsRetention() {
    calls.options("\"transcriptStorage\":{\"enabled\":true,\"retentionDays\":30}");
    open();

    assertThat(widget.storedNotice()).isVisible();
    assertThat(widget.storedNotice()).hasText("This conversation's transcript is saved for 30 days.");
    widget.start();
    widget.awaitState("listening");
    assertThat(widget.storedNotice()).isVisible();
  }

  @Test
  void anUnstoredTranscriptSaysNothing() {
    calls.options("\"transcriptStorage\":{\"enabled\":false,\"retentionDays\":30}");
    open();
    widget.start();
    widget.awaitState("listening");

    assertThat(widget.storedNotice()).isHidden();
  }

  @Test
  void anAnswerCutOffByTheUsersVoiceIsMarkedInterrupted() {
    open();
    widget.start();
    widget.awaitState("listening");

    h.model.sendAll(List.of(
        "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}}",
        "{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"item_a1\",\"delta\":\"The billing page has\"}",
        "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_0\",\"status\":\"in_progress\"}}",
        "{\"type\":\"response.output_audio_transcript.done\",\"item_id\":\"item_a0\",\"transcript\":\"Hello.\"}",
        "{\"type\":\"response.done\",\"response\":{\"id\":\"resp_0\",\"status\":\"completed\",\"output\":[{\"id\":\"item_a0\"}]}}",
        "{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"item_u2\"}",
        "{\"type\":\"conversation.item.truncated\",\"item_id\":\"item_a1\",\"content_index\":0,\"audio_end_ms\":1200}"));

    assertThat(widget.turns().nth(0).locator(".speaker")).hasText("Assistant · interrupted");
    assertThat(widget.turns().nth(1).locator(".speaker")).hasText("Assistant");
  }

  @Test
  void overTheRelayTheFlushedAnswerIsMarkedInterrupted() {
    RelayStub relay = h.stubRelay();
    open();
    widget.setTransport("websocket");
    widget.start();
    widget.awaitState("listening");
    relay.send("{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"item_a1\",\"delta\":\"Here is a long story\"}");
    relay.send("{\"type\":\"response.output_audio.delta\",\"item_id\":\"item_a1\",\"delta\":\""
        + java.util.Base64.getEncoder().encodeToString(new byte[48000 * 2]) + "\"}");
    widget.awaitState("assistant-speaking");

    relay.send("{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"item_u1\"}");

    widget.until("the played part is truncated", Duration.ofSeconds(5), () -> !relay.received("conversation.item.truncate").isEmpty());
    assertThat(widget.turns().nth(0).locator(".speaker")).hasText("Assistant · interrupted");
  }
}
