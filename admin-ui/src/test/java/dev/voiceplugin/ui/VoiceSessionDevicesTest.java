package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The microphone picker on Chromium's fake devices: the choice is remembered in this browser and
 * opened at Start, a change mid-call swaps the track without a new offer, an unplugged microphone
 * (its device gone from the list) moves the call to the default one, and nothing of it outlives
 * the session. And the assistant's volume.
 */
class VoiceSessionDevicesTest {
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
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  private void open() {
    h.open(site.hostPage());
    widget = h.widget;
    widget.until("the microphones are listed", Duration.ofSeconds(5), () -> widget.microphoneSelect().locator("option").count() >= 3);
  }

  /** The fake devices' ids, as the picker lists them (the first option is the system default). */
  private List<String> deviceIds() {
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) widget.microphoneSelect().evaluate("s => [...s.options].slice(1).map(o => o.value)");
    return ids;
  }

  /** The device id of the track the widget's peer connection sends. */
  private String sentDeviceId() {
    return (String) h.page.evaluate("() => window.__fakeModel.lastWidgetPeer().getSenders()"
        + ".find(s => s.track && s.track.kind === 'audio').track.getSettings().deviceId");
  }

  @Test
  void opensTheRememberedMicrophoneAtStart() {
    open();
    assertThat(widget.microphoneSelect()).hasValue("");
    String second = deviceIds().get(1);
    assertThat(widget.microphoneSelect().locator("option").nth(2)).not().hasText("");

    widget.microphoneSelect().selectOption(second);
    h.page.reload();
    open();

    assertThat(widget.microphoneSelect()).hasValue(second);
    widget.start();
    widget.awaitState("listening");
    assertThat(h.model.microphoneConstraints()).containsExactly("{\"audio\":{\"deviceId\":{\"exact\":\"" + second + "\"}}}");
    assertThat(sentDeviceId()).isEqualTo(second);
  }

  @Test
  void aRememberedDeviceThatIsGoneFallsBackToTheDefault() {
    h.context.addInitScript("localStorage.setItem('voice-session:microphone', 'a-device-of-another-browser')");
    open();

    widget.start();

    widget.awaitState("listening");
    assertThat(h.model.microphoneConstraints()).containsExactly(
        "{\"audio\":{\"deviceId\":{\"exact\":\"a-device-of-another-browser\"}}}", "{\"audio\":true}");
    assertThat(widget.microphoneSelect()).hasValue("");
  }

  @Test
  void pickingAnotherMicrophoneMidCallSwapsTheTrackWithoutANewOffer() {
    open();
    widget.start();
    widget.awaitState("listening");
    String before = sentDeviceId();
    String other = deviceIds().stream().filter(id -> !id.equals(before)).findFirst().orElseThrow();

    widget.microphoneSelect().selectOption(other);

    widget.until("the sender carries the new microphone", Duration.ofSeconds(5), () -> other.equals(sentDeviceId()));
    assertThat(h.model.calls()).as("no renegotiation").hasSize(1);
    assertThat(h.model.widgetMedia().liveMicrophoneTracks()).as("the old microphone is released").isEqualTo(1);
    assertThat(widget.state()).isEqualTo("listening");
    assertThat(h.model.widgetMedia().connectionState()).isEqualTo("connected");
  }

  @Test
  void anUnpluggedMicrophoneMovesTheCallToTheDefaultAndStopIsTheEndOfDeviceHandling() {
    open();
    String chosen = deviceIds().get(1);
    widget.microphoneSelect().selectOption(chosen);
    widget.start();
    widget.awaitState("listening");
    assertThat(sentDeviceId()).isEqualTo(chosen);

    unplug(chosen);

    widget.until("the call moved to the default microphone", Duration.ofSeconds(5),
        () -> h.model.microphoneConstraints().size() == 2);
    assertThat(h.model.microphoneConstraints().get(1)).isEqualTo("{\"audio\":true}");
    widget.until("the sender carries it", Duration.ofSeconds(5), () -> !chosen.equals(sentDeviceId()));
    assertThat(widget.microphoneSelect()).hasValue("");
    assertThat(h.model.widgetMedia().liveMicrophoneTracks()).isEqualTo(1);
    assertThat(widget.state()).isEqualTo("listening");

    widget.stopButton().click();
    widget.awaitState("ended");
    unplug("another");
    h.page.waitForTimeout(500);

    assertThat(h.model.getUserMediaCalls()).as("no microphone is opened after Stop").isEqualTo(2);
    assertThat(h.model.widgetMedia().liveMicrophoneTracks()).isZero();
  }

  @Test
  void theAssistantsVolumeFollowsTheSliderAndIsRemembered() {
    open();
    widget.start();
    widget.awaitState("listening");

    widget.volume().fill("0.3");

    assertThat(((Number) h.page.locator("voice-session audio").evaluate("a => a.volume")).doubleValue()).isEqualTo(0.3);
    h.page.reload();
    h.page.waitForFunction("() => customElements.get('voice-session') !== undefined");
    assertThat(widget.volume()).hasValue("0.3");
    assertThat(((Number) h.page.locator("voice-session audio").evaluate("a => a.volume")).doubleValue()).isEqualTo(0.3);
  }

  @Test
  void overTheRelayASwappedMicrophoneKeepsTheAudioGoing() {
    RelayStub relay = h.stubRelay();
    open();
    widget.setTransport("websocket");
    widget.start();
    widget.awaitState("listening");
    widget.until("audio is sent", Duration.ofSeconds(5), () -> relay.appendTimes().size() >= 3);

    widget.microphoneSelect().selectOption(deviceIds().get(1));

    widget.until("a second microphone was opened", Duration.ofSeconds(5), () -> h.model.getUserMediaCalls() == 2);
    int sent = relay.appendTimes().size();
    widget.until("audio goes on from the new microphone", Duration.ofSeconds(5), () -> relay.appendTimes().size() >= sent + 10);
    assertThat(h.model.widgetMedia().liveMicrophoneTracks()).isEqualTo(1);
    assertThat(mint.requests()).isEmpty();
  }

  /** What the browser shows when a device is unplugged: it leaves the list, and devicechange fires. */
  private void unplug(String deviceId) {
    h.page.evaluate("""
        id => {
          const devices = navigator.mediaDevices;
          const list = devices.enumerateDevices.bind(devices);
          devices.enumerateDevices = async () => (await list()).filter(d => d.deviceId !== id);
          devices.dispatchEvent(new Event('devicechange'));
        }""", deviceId);
  }
}
