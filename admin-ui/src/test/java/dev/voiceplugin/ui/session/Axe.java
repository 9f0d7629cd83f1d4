package dev.voiceplugin.ui.session;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * axe-core (pinned in admin-ui/package-lock.json, installed by the build) run in the page on the
 * widget, shadow DOM included. Evaluated through Playwright rather than a script tag, so the page's
 * CSP stays what it is and the axe source never reaches the network.
 */
public final class Axe {
  private static volatile String source;

  private Axe() {}

  /** The serious and critical violations on {@code <voice-session>}, as "rule-id: help (n nodes: targets)". */
  public static List<String> seriousViolations(Page page) {
    return seriousViolations(page, "voice-session");
  }

  /** The serious and critical violations inside the elements {@code selector} matches, shadow DOM included. */
  public static List<String> seriousViolations(Page page, String selector) {
    if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
      page.evaluate(source());
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> found = (List<Map<String, Object>>) page.evaluate("""
        async (selector) => {
          const result = await axe.run({ include: [[selector]] }, { resultTypes: ['violations'] });
          return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => JSON.stringify(n.target) + ' ' + n.failureSummary) }));
        }""", selector);
    return found.stream().map(v -> v.get("id") + ": " + v.get("help") + " " + v.get("nodes")).toList();
  }

  private static String source() {
    if (source == null) {
      String path = System.getProperty("voice.axe");
      if (path == null) {
        throw new IllegalStateException("system property voice.axe is not set (surefire sets it in admin-ui/pom.xml)");
      }
      try {
        source = Files.readString(Path.of(path));
      } catch (IOException e) {
        throw new UncheckedIOException("axe-core is missing at " + path + ": the admin-ui build installs it (npm ci)", e);
      }
    }
    return source;
  }
}
