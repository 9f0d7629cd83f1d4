package dev.voiceplugin.ui.session;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.ui.session.FakeModel.WidgetMedia;
import java.time.Duration;

/** What every failure of the widget must get right: its message, releasing what it opened, and Reconnect. */
public final class FailureChecks {
  private final SessionHarness h;
  private final MintStub mint;

  public FailureChecks(SessionHarness h, MintStub mint) {
    this.h = h;
    this.mint = mint;
  }

  /**
   * The widget shows {@code expected}, which is what every failure message must be: one sentence
   * of what happened and one of what to do, each ending in a full stop.
   */
  public void assertMessage(String expected) {
    assertThat(expected.split("(?<=[.]) (?=[A-Z])")).as("sentences of %s", expected).hasSize(2)
        .allSatisfy(sentence -> assertThat(sentence).endsWith("."));
    assertThat(h.widget.message()).hasText(expected);
  }

  /** The microphone is released and the peer connection closed. */
  public void assertReleased() {
    h.widget.until("the microphone is released", Duration.ofSeconds(5), () -> h.model.widgetMedia().liveMicrophoneTracks() == 0);
    WidgetMedia media = h.model.widgetMedia();
    if (media.connectionState() != null) {
      assertThat(media.connectionState()).isEqualTo("closed");
    }
  }

  /** Reconnect mints a fresh client secret (the {@code expectedMints}th), uses it and gets to listening. */
  public void assertReconnectWorks(int expectedMints) {
    assertThat(h.widget.startButton()).hasText("Reconnect");
    h.widget.startButton().click();
    h.widget.awaitState("listening");
    assertThat(h.widget.message()).isHidden();
    assertThat(mint.requests()).hasSize(expectedMints);
    var calls = h.model.calls();
    assertThat(calls.get(calls.size() - 1).authorization())
        .isEqualTo("Bearer " + mint.secrets().get(mint.secrets().size() - 1));
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("live");
  }
}
