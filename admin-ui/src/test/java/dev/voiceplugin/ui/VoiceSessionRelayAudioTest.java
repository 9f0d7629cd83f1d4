package dev.voiceplugin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.ui.session.MintStub;
import dev.voiceplugin.ui.session.Pcm;
import dev.voiceplugin.ui.session.RelayStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's audio in real Chromium: the fake microphone plays a 1 kHz tone at 48 kHz (a WAV this
 * class writes), so what the widget sends can be measured — its cadence on the page's clock, its
 * byte rate, and that the PCM really is 24 kHz (the tone reads 1 kHz only at the right rate). The
 * assistant's audio goes back through the playback worklet, is counted, and is cut on barge-in.
 */
class VoiceSessionRelayAudioTest {
  private static final int TONE_HZ = 1000;
  private static BrowserFixture browser;
  private static StaticSite site;
  private static Path wav;

  private SessionHarness h;
  private RelayStub relay;
  private WidgetPage widget;

  @BeforeAll
  static void launch() throws Exception {
    // 2 s of a whole number of cycles, so Chromium's looping of the file is seamless.
    wav = Pcm.wav(Files.createTempFile("relay-tone-", ".wav"), Pcm.tone(TONE_HZ, 2000, 0.5, 48_000), 48_000);
    browser = BrowserFixture.launch(List.of("--use-file-for-fake-audio-capture=" + wav));
    site = StaticSite.start();
  }

  @AfterAll
  static void shutDown() throws Exception {
    site.close();
    browser.close();
    Files.deleteIfExists(wav);
  }

  @BeforeEach
  void openPage() {
    h = SessionHarness.create(browser.newContext());
    h.stubMint();
    relay = h.stubRelay();
    h.open(site.hostPage());
    widget = h.widget;
    widget.setTransport("websocket");
    widget.start();
    widget.awaitState("listening");
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  @Test
  void sendsTheMicrophoneAs24kHzPcm16InFramesOf30Milliseconds() {
    widget.until("3 s of audio was sent", Duration.ofSeconds(15), () -> relay.appendTimes().size() >= 100);

    List<RelayStub.Sent> appends = relay.appendTimes();
    assertThat(appends).allSatisfy(a -> assertThat(a.bytes()).as("30 ms of 24 kHz PCM16").isEqualTo(30 * Pcm.BYTES_PER_MS));
    double[] gaps = new double[appends.size() - 1];
    for (int i = 1; i < appends.size(); i++) {
      gaps[i - 1] = appends.get(i).atMs() - appends.get(i - 1).atMs();
    }
    java.util.Arrays.sort(gaps);
    assertThat(gaps[gaps.length / 2]).as("median gap between appends (ms)").isBetween(20.0, 50.0);
    double span = appends.get(appends.size() - 1).atMs() - appends.get(0).atMs();
    long bytes = appends.stream().skip(1).mapToLong(RelayStub.Sent::bytes).sum();
    assertThat(bytes / span).as("PCM bytes per ms of wall time (24 kHz PCM16 is 48)").isCloseTo(48.0, within(6.0));

    // Skip the first half second: the browser's gain control settles on the tone.
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    for (JsonNode append : relay.received("input_audio_buffer.append").stream().skip(17).toList()) {
      pcm.writeBytes(Base64.getDecoder().decode(append.get("audio").asText()));
    }
    short[] samples = Pcm.decode(Base64.getEncoder().encodeToString(pcm.toByteArray()));
    assertThat(Pcm.peak(samples)).as("the tone is there, not silence").isGreaterThan(3000);
    assertThat(Pcm.frequency(samples, Pcm.RATE, 500)).as("the 1 kHz tone read at 24 kHz").isCloseTo(TONE_HZ, within(30.0));
  }

  @Test
  void playsTheAssistantsAudioAndCountsWhatWasPlayed() {
    sendAll(Pcm.deltas("item_a1", Pcm.tone(440, 1000, 0.5, Pcm.RATE), 100));

    widget.until("the assistant is heard", Duration.ofSeconds(5), () -> "assistant-speaking".equals(widget.state()));
    widget.until("the assistant level meter moved", Duration.ofSeconds(5), () -> widget.meter("remote") > 0.2);
    boolean playing = (Boolean) h.page.locator("voice-session audio").evaluate(
        "a => a.srcObject instanceof MediaStream && a.srcObject.getAudioTracks()[0].readyState === 'live' && !a.paused");
    assertThat(playing).isTrue();
    widget.until("the answer was played out", Duration.ofSeconds(5), () -> "listening".equals(widget.state()));
    widget.eventLog().locator("summary").click();
    String played = (String) widget.eventLog().locator("li", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("played"))
        .last().textContent();
    int ms = Integer.parseInt(played.replaceAll("(?s).*played(\\d+) ms of item_a1.*", "$1"));
    assertThat(ms).as("played of the 1000 ms sent").isBetween(985, 1000);
    assertThat(relay.received("conversation.item.truncate")).isEmpty();
  }

  @Test
  void bargeInStopsPlaybackAndTruncatesTheItemAtWhatWasHeard() {
    sendAll(Pcm.deltas("item_a2", Pcm.tone(440, 5000, 0.5, Pcm.RATE), 100));
    widget.until("the assistant is heard", Duration.ofSeconds(5), () -> "assistant-speaking".equals(widget.state()));
    h.page.waitForTimeout(1000);

    relay.send("{\"type\":\"input_audio_buffer.speech_started\",\"event_id\":\"e_s\",\"audio_start_ms\":4200,\"item_id\":\"item_u2\"}");

    widget.until("the truncation is sent", Duration.ofSeconds(5), () -> !relay.received("conversation.item.truncate").isEmpty());
    JsonNode truncate = relay.received("conversation.item.truncate").get(0);
    assertThat(truncate.get("item_id").asText()).isEqualTo("item_a2");
    assertThat(truncate.get("content_index").asInt()).isZero();
    // On the page's clock: from the playback's start (the state it causes) to the truncation sent.
    double truncatedAt = relay.sentTimes().stream().filter(m -> m.type().equals("conversation.item.truncate")).findFirst()
        .orElseThrow().atMs();
    double heardMs = truncatedAt - relay.stateAt("assistant-speaking");
    assertThat(heardMs).isGreaterThan(900);
    assertThat(truncate.get("audio_end_ms").asInt()).as("ms played of the 5000 sent, against %.0f ms of playing", heardMs)
        .isPositive().isLessThanOrEqualTo(5000).isBetween((int) heardMs - 150, (int) heardMs + 50);
    assertThat(widget.state()).isEqualTo("user-speaking");
    widget.until("the assistant fell silent", Duration.ofSeconds(3), () -> widget.meter("remote") == 0);

    // Deltas of the cut item still in flight are not played; the next answer is.
    sendAll(Pcm.deltas("item_a2", Pcm.tone(440, 500, 0.5, Pcm.RATE), 100));
    h.page.waitForTimeout(400);
    assertThat(widget.meter("remote")).as("late audio of the cut item").isZero();
    relay.send("{\"type\":\"input_audio_buffer.speech_started\",\"event_id\":\"e_t\",\"audio_start_ms\":6000,\"item_id\":\"item_u3\"}");
    h.page.waitForTimeout(300);
    assertThat(relay.received("conversation.item.truncate")).as("nothing was playing the second time").hasSize(1);
    relay.send("{\"type\":\"input_audio_buffer.speech_stopped\",\"event_id\":\"e_u\",\"audio_end_ms\":6500,\"item_id\":\"item_u3\"}");
    sendAll(Pcm.deltas("item_a3", Pcm.tone(440, 600, 0.5, Pcm.RATE), 100));
    widget.until("the next answer is heard", Duration.ofSeconds(5), () -> widget.meter("remote") > 0.2);
  }

  @Test
  void theResamplerKeepsSpeechAndFiltersWhatWouldFoldBack() {
    @SuppressWarnings("unchecked")
    Map<String, Number> r = (Map<String, Number>) h.page.evaluate("""
        async () => {
          const { Resampler } = await import('/sources/voice-plugin/elements/voice-session-resampler.js');
          const run = (from, to, hz) => {
            const resampler = new Resampler(from, to);
            const out = [];
            for (let block = 0; block < from / 128; block++) {
              const input = new Float32Array(128);
              for (let i = 0; i < 128; i++) input[i] = 0.5 * Math.sin(2 * Math.PI * hz * (block * 128 + i) / from);
              out.push(...resampler.push(input));
            }
            const steady = out.slice(200, out.length - 200);
            let crossings = 0;
            for (let i = 1; i < steady.length; i++) if ((steady[i - 1] < 0) !== (steady[i] < 0)) crossings++;
            const rms = Math.sqrt(steady.reduce((s, v) => s + v * v, 0) / steady.length);
            return { rms: rms / (0.5 / Math.SQRT2), hz: crossings / 2 / (steady.length / to), samples: out.length };
          };
          const a = run(48000, 24000, 1000), b = run(48000, 24000, 15000), c = run(44100, 24000, 3000), d = run(24000, 48000, 440);
          return { speechGain: a.rms, speechHz: a.hz, samples: a.samples, foldGain: b.rms, oddRateHz: c.hz, upGain: d.rms, upHz: d.hz };
        }""");
    assertThat(r.get("samples").intValue()).as("one second at 24 kHz").isBetween(23_900, 24_000);
    assertThat(r.get("speechGain").doubleValue()).as("1 kHz passes unchanged").isCloseTo(1.0, within(0.02));
    assertThat(r.get("speechHz").doubleValue()).isCloseTo(1000, within(2.0));
    // Dropping every other sample would fold 15 kHz to 9 kHz at full level.
    assertThat(r.get("foldGain").doubleValue()).as("15 kHz, above the new Nyquist, is filtered").isLessThan(0.01);
    assertThat(r.get("oddRateHz").doubleValue()).as("44.1 kHz in").isCloseTo(3000, within(5.0));
    assertThat(r.get("upGain").doubleValue()).as("24 to 48 kHz keeps the level").isCloseTo(1.0, within(0.02));
    assertThat(r.get("upHz").doubleValue()).isCloseTo(440, within(2.0));
  }

  private void sendAll(List<String> events) {
    events.forEach(relay::send);
  }
}
