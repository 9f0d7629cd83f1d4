package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The widget in an 18rem sidebar under the admin page's CSP ({@code script-src 'self'; style-src 'self'}):
 * styled by its own stylesheet, nothing blocked, nothing sticking out. Screenshots of each look are
 * written to {@code target/screenshots/} for a person to judge.
 */
class VoiceSessionLayoutTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
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
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  @Test
  void fitsANarrowSidebarWithItsOwnStylesheetAndNoCspViolations() {
    // The first mint fails, so the error look is captured too.
    h.stubMint().failNext(503, "provider_not_configured", "No OpenAI API key is configured for this tenant.",
        "Ask the platform operator to set OPENAI_API_KEY.", Map.of());
    h.open(site.hostPage());
    widget = h.widget;
    h.page.setViewportSize(1000, 900);
    assertThat(widget.startButton()).hasCSS("background-color", "rgb(37, 99, 235)");
    shoot("idle");

    widget.start();
    widget.awaitState("error");
    assertNoOverflow();
    shoot("error");

    widget.startButton().click();
    widget.awaitState("listening");
    h.model.sendAll(List.of(
        "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u1\",\"content_index\":0,"
            + "\"transcript\":\"Please read https://admin.example.com/tenants/acme/settings/realtime/voice/instructions back to me\"}",
        "{\"type\":\"response.output_audio_transcript.done\",\"item_id\":\"a1\",\"response_id\":\"r1\",\"output_index\":0,"
            + "\"content_index\":0,\"transcript\":\"Certainly. Supercalifragilisticexpialidociouslylongidentifierwithoutanybreaks is what it says.\"}"));
    assertThat(widget.turns()).hasCount(2);
    widget.muteButton().click();
    widget.eventLog().locator("summary").click();
    assertNoOverflow();
    shoot("listening");

    h.page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
    shoot("listening-dark");

    widget.stopButton().click();
    widget.awaitState("ended");
    assertThat(h.model.cspViolations()).isEmpty();
    assertThat(h.pageErrors).isEmpty();
  }

  private void assertNoOverflow() {
    Locator panel = h.page.locator("voice-session .panel");
    @SuppressWarnings("unchecked")
    Map<String, Object> box = (Map<String, Object>) panel.evaluate(
        "p => ({scroll: p.scrollWidth, client: p.clientWidth, host: p.getRootNode().host.getBoundingClientRect().width,"
            + " rem: parseFloat(getComputedStyle(document.documentElement).fontSize)})");
    double rem = ((Number) box.get("rem")).doubleValue();
    assertThat(((Number) box.get("host")).doubleValue()).isLessThanOrEqualTo(18 * rem);
    assertThat(((Number) box.get("scroll")).intValue()).isLessThanOrEqualTo(((Number) box.get("client")).intValue());
  }

  private void shoot(String name) {
    h.page.locator("voice-session").screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve("voice-session-" + name + ".png")));
  }
}
