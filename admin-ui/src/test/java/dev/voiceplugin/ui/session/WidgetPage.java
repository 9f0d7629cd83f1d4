package dev.voiceplugin.ui.session;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The {@code <voice-session>} on a page, seen through its (open) shadow DOM as a person would use it. */
public final class WidgetPage {
  private final Page page;

  WidgetPage(Page page) {
    this.page = page;
  }

  public Locator element() {
    return page.locator("voice-session");
  }

  public Locator startButton() {
    return page.locator("voice-session button.start");
  }

  /** "Connect through the server", offered when WebRTC cannot connect. */
  public Locator relayButton() {
    return page.locator("voice-session button.relay");
  }

  public Locator stopButton() {
    return page.locator("voice-session button.stop");
  }

  public Locator muteButton() {
    return page.locator("voice-session button.mute");
  }

  /** "Hold to talk", shown while push-to-talk is on during a call. */
  public Locator talkButton() {
    return page.locator("voice-session button.talk");
  }

  /** The push-to-talk switch (a checkbox with role switch), shown when the tenant offers it. */
  public Locator pushToTalkSwitch() {
    return page.locator("voice-session input.ptt");
  }

  public Locator microphoneSelect() {
    return page.locator("voice-session select.microphone");
  }

  /** The assistant's volume, a 0..1 range. */
  public Locator volume() {
    return page.locator("voice-session input.volume");
  }

  /** The text box of "Type a message". */
  public Locator typingBox() {
    return page.locator("voice-session form.typing input[name=text]");
  }

  public Locator sendButton() {
    return page.locator("voice-session form.typing button[type=submit]");
  }

  /** The live usage list; tokens, cost and time left are its rows. */
  public Locator usage() {
    return page.locator("voice-session dl.usage");
  }

  public Locator usageTokens() {
    return page.locator("voice-session dl.usage .tokens");
  }

  public Locator usageCost() {
    return page.locator("voice-session dl.usage .cost");
  }

  public Locator usageTimeLeft() {
    return page.locator("voice-session dl.usage .left");
  }

  /** "This conversation's transcript is saved for n days." */
  public Locator storedNotice() {
    return page.locator("voice-session .notice.stored");
  }

  /** The hint that the user's words are not transcribed. */
  public Locator untranscribedHint() {
    return page.locator("voice-session .notice.unheard");
  }

  /** The element focused inside the widget's shadow root, as "tag.class", or "" when none. */
  public String focused() {
    return (String) element().evaluate("el => { const a = el.shadowRoot.activeElement; return a ? a.localName + '.' + a.className : ''; }");
  }

  public Locator status() {
    return page.locator("voice-session .status");
  }

  public Locator message() {
    return page.locator("voice-session .message");
  }

  public Locator timer() {
    return page.locator("voice-session .timer");
  }

  /** The time left of a server-mode call, shown near its end. */
  public Locator remaining() {
    return page.locator("voice-session .remaining");
  }

  public Locator eventLog() {
    return page.locator("voice-session details.events");
  }

  /** The transcript turns that have words, in order. */
  public Locator turns() {
    return page.locator("voice-session .transcript li.turn:not([hidden])");
  }

  public void start() {
    startButton().click();
  }

  /** Waits until the widget's state (the panel's data-state) is {@code state}. */
  public void awaitState(String state) {
    awaitState(state, Duration.ofSeconds(15));
  }

  public void awaitState(String state, Duration timeout) {
    assertThat(page.locator("voice-session .panel"))
        .hasAttribute("data-state", state, new LocatorAssertions.HasAttributeOptions().setTimeout(timeout.toMillis()));
  }

  public String state() {
    return (String) element().evaluate("el => el.state");
  }

  /** The value of the "local" (microphone) or "remote" (assistant) level meter, 0..1. */
  public double meter(String which) {
    return ((Number) page.locator("voice-session meter." + which).evaluate("m => m.value")).doubleValue();
  }

  public void setSessionTimeoutMs(int millis) {
    element().evaluate("(el, ms) => { el.sessionTimeoutMs = ms; }", millis);
  }

  /** The transport attribute: "webrtc", "websocket" or "auto". */
  public void setTransport(String transport) {
    element().evaluate("(el, t) => el.setAttribute('transport', t)", transport);
  }

  public void setWebRtcTimeoutMs(int millis) {
    element().evaluate("(el, ms) => { el.webRtcTimeoutMs = ms; }", millis);
  }

  /** Everything a person could read in the widget, including the collapsed event log. */
  public String allText() {
    return (String) element().evaluate("el => el.shadowRoot.textContent");
  }

  /**
   * Polls {@code condition} while letting Playwright dispatch events (route handlers run in the
   * test thread, so a plain sleep would stall the fake provider).
   */
  public void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
      }
      page.waitForTimeout(50);
    }
  }
}
