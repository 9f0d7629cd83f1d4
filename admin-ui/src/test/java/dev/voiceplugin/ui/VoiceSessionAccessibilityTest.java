package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import dev.voiceplugin.ui.session.Axe;
import dev.voiceplugin.ui.session.CallsStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * axe-core on every state of the widget (idle, connecting, connected, push-to-talk held, typing,
 * error, ended), in the default look and in a second theme set only through the documented custom
 * properties: no serious or critical violation anywhere. Each state is also photographed, to
 * {@code target/screenshots/states/} or the folder in {@code -Dvoice.screens}.
 */
class VoiceSessionAccessibilityTest {
  private static final Path SHOTS = Path.of(System.getProperty("voice.screens", "target/screenshots/states"));
  private static BrowserFixture browser;
  private static StaticSite site;

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

  @ParameterizedTest
  @ValueSource(strings = {"default", "themed"})
  void everyStateHasNoSeriousViolations(String theme) {
    Map<String, List<String>> violations = new LinkedHashMap<>();
    try (SessionHarness h = SessionHarness.create(browser.newContext())) {
      h.stubMint();
      CallsStub calls = h.stubCalls().callsLast(Duration.ofMinutes(4)).usage(1800, 700, 0.042).options(
          "\"pushToTalk\":\"offered\",\"userTranscription\":false,\"transcriptStorage\":{\"enabled\":true,\"retentionDays\":30}");
      h.open(site.url(theme.equals("default") ? "/test/host.html" : "/test/themed-host.html"));
      WidgetPage widget = h.widget;
      assertThat(widget.storedNotice()).isVisible();
      check(h, theme, "idle", violations);

      h.model.replySessionUpdated(false);
      calls.mode("browser");
      widget.setSessionTimeoutMs(1500);
      widget.start();
      widget.awaitState("connecting");
      check(h, theme, "connecting", violations);
      widget.awaitState("error");
      assertThat(widget.message()).isVisible();
      check(h, theme, "error", violations);

      calls.mode("server");
      widget.startButton().click();
      widget.awaitState("listening");
      h.model.sendAll(List.of(
          "{\"type\":\"response.output_audio_transcript.done\",\"item_id\":\"item_a0\",\"transcript\":\"Hello, how can I help?\"}",
          "{\"type\":\"conversation.item.added\",\"item\":{\"id\":\"item_t1\",\"type\":\"message\",\"role\":\"user\","
              + "\"content\":[{\"type\":\"input_text\",\"text\":\"Show me the invoices\"}]}}",
          "{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"item_a1\",\"delta\":\"The invoices are under\"}",
          "{\"type\":\"conversation.item.truncated\",\"item_id\":\"item_a1\",\"content_index\":0,\"audio_end_ms\":900}"));
      assertThat(widget.turns()).hasCount(3);
      assertThat(widget.usageTokens()).hasText("2,500");
      check(h, theme, "connected", violations);

      widget.typingBox().focus();
      widget.typingBox().fill("Which invoices are overdue?");
      check(h, theme, "typing", violations);

      widget.pushToTalkSwitch().check();
      assertThat(widget.talkButton()).isVisible();
      widget.talkButton().focus();
      h.page.keyboard().down("Space");
      widget.awaitState("user-speaking");
      check(h, theme, "ptt-held", violations);
      h.page.waitForTimeout(300);
      h.page.keyboard().up("Space");
      widget.awaitState("listening");

      widget.stopButton().click();
      widget.awaitState("ended");
      check(h, theme, "ended", violations);
    }
    assertThat(violations).as("serious or critical axe violations per state").allSatisfy((state, found) -> assertThat(found).isEmpty());
    assertThat(violations).containsOnlyKeys("idle", "connecting", "error", "connected", "typing", "ptt-held", "ended");
  }

  private static void check(SessionHarness h, String theme, String state, Map<String, List<String>> violations) {
    violations.put(state, Axe.seriousViolations(h.page));
    Locator element = h.widget.element();
    element.screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve(theme + "-" + state + ".png")));
  }
}
