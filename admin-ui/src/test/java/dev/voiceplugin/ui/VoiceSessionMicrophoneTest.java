package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.ui.session.MintStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The microphone cannot be had. This browser answers every permission prompt with "deny"
 * (Chromium's fake media UI in deny mode), so a context without the microphone grant is refused by
 * Chromium itself, as when an administrator clicks "Block".
 */
class VoiceSessionMicrophoneTest {
  private static final String BLOCKED =
      "Microphone access was blocked. Allow the microphone for this site (the icon in the address bar), then press Reconnect.";
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;

  @BeforeAll
  static void launch() {
    browser = BrowserFixture.launch(List.of("--use-fake-ui-for-media-stream=deny"));
    site = StaticSite.start();
  }

  @AfterAll
  static void shutDown() {
    site.close();
    browser.close();
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  @Test
  void explainsAMicrophoneChromiumBlockedAndAsksAgainOnReconnect() {
    h = SessionHarness.create(browser.newContextWithoutMicrophone());
    MintStub mint = h.stubMint();
    h.open(site.hostPage());

    h.widget.start();

    h.widget.awaitState("error");
    assertThat(h.widget.message()).hasText(BLOCKED);
    assertThat(h.model.calls()).as("no offer is sent without a microphone").isEmpty();
    assertThat(h.model.widgetMedia().connectionState()).as("no peer connection is made").isNull();

    // Still blocked: Reconnect asks again (a fresh session) and says the same, it does not hang.
    h.widget.startButton().click();
    h.widget.until("the second attempt asked for the microphone", java.time.Duration.ofSeconds(10),
        () -> h.model.getUserMediaCalls() == 2);
    h.widget.awaitState("error");
    assertThat(h.widget.message()).hasText(BLOCKED);
    assertThat(mint.requests()).hasSize(2);
  }

  @Test
  void explainsThatThereIsNoMicrophone() {
    h = SessionHarness.create(browser.newContext());
    h.stubMint();
    h.open(site.hostPage());
    h.model.microphoneFails("NotFoundError"); // a machine without any audio input

    h.widget.start();

    h.widget.awaitState("error");
    assertThat(h.widget.message()).hasText("No microphone was found. Connect a microphone or headset, then press Reconnect.");
    assertThat(h.model.calls()).isEmpty();
  }
}
