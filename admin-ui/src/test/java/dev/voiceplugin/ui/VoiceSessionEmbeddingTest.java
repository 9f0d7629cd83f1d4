package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Embedding the voice widget" against the widget itself: every attribute, event and
 * CSS custom property the sources have is documented there, and a host page written as it says (its
 * snippet, its theming example, a host script that listens to the documented events only) gets a
 * themed widget that reports its state and usage to the host.
 */
class VoiceSessionEmbeddingTest {
  private static final Path SOURCES = Path.of(System.getProperty("voice.ui.sources", "src/main/resources/META-INF/resources"))
      .resolve("voice-plugin/elements");

  @Test
  void theReadmeDocumentsEveryAttributeEventAndCustomProperty() throws IOException {
    String section = embeddingSection();
    assertThat(section).contains("<script type=\"module\" src=\"/voice/voice-plugin/elements/voice-session-define.js\"></script>",
        "<voice-session api-base=\"/voice/api/v1\"></voice-session>");
    List<String> attributes = all(Files.readString(SOURCES.resolve("voice-session-attributes.js")),
        "(?:getAttribute\\('|positive\\(this, ')([a-z-]+)'");
    assertThat(attributes).contains("api-base", "transport", "session-timeout-ms", "webrtc-timeout-ms", "usage-interval-ms");
    List<String> events = all(Files.readString(SOURCES.resolve("voice-session.js")), "new CustomEvent\\('([a-z-]+)'");
    assertThat(events).containsExactlyInAnyOrder("voice-session-state", "voice-session-usage");
    List<String> properties = all(Files.readString(SOURCES.resolve("voice-session.css")), "var\\((--voice-session-[a-z-]+)");
    assertThat(properties).hasSizeGreaterThanOrEqualTo(10);
    for (String name : concat(attributes, events, properties)) {
      assertThat(section).as("README documents %s", name).contains("`" + name + "`");
    }
  }

  @Test
  void aHostPageWrittenAsTheReadmeSaysGetsAThemedWidgetThatReportsToIt() throws IOException {
    String themeExample = embeddingSection().replaceAll("(?s).*```css\\n(.*?)```.*", "$1").strip();
    assertThat(Files.readString(Path.of(StaticSite.class.getResource("/session/embed-host.css").getPath())))
        .as("the host's stylesheet is the README's example").contains(themeExample);
    try (BrowserFixture browser = BrowserFixture.launch(); StaticSite site = StaticSite.start();
        SessionHarness h = SessionHarness.create(browser.newContext())) {
      h.stubMint();
      h.stubCalls().usage(900, 334, 0.02);
      h.open(site.url("/test/embed-host.html"));

      assertThat(h.widget.startButton()).hasCSS("background-color", "rgb(245, 158, 11)");
      assertThat(h.widget.startButton()).hasCSS("color", "rgb(26, 18, 0)");
      assertThat(h.page.locator("voice-session .panel")).hasCSS("background-color", "rgb(27, 34, 41)");
      assertThat(h.page.locator("voice-session .panel")).hasCSS("border-radius", "4px");
      h.widget.start();
      h.widget.awaitState("listening");

      assertThat(h.page.locator("#host-state")).hasText("listening");
      assertThat(h.page.locator("#host-tokens")).hasText("1234");
      @SuppressWarnings("unchecked")
      List<String> states = (List<String>) h.page.evaluate("() => window.hostSeen.states");
      assertThat(states).containsExactly("connecting", "listening");
      assertThat(h.page.evaluate("() => window.hostSeen.usage.at(-1).estimatedCost")).isEqualTo(0.02);
      h.widget.stopButton().click();
      assertThat(h.page.locator("#host-state")).hasText("ended");
      assertThat(h.model.cspViolations()).isEmpty();
      assertThat(h.pageErrors).isEmpty();
    }
  }

  private static String embeddingSection() throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("voice.readme", "../README.md")));
    Matcher m = Pattern.compile("(?s)\\n## Embedding the voice widget\\n(.*?)\\n## ").matcher(readme);
    assertThat(m.find()).as("README has the section").isTrue();
    return m.group(1);
  }

  private static List<String> all(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      if (!found.contains(m.group(1))) {
        found.add(m.group(1));
      }
    }
    return found;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
