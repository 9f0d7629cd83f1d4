package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import dev.voiceplugin.ui.settings.SettingsApi;
import dev.voiceplugin.ui.settings.SettingsPage;
import dev.voiceplugin.ui.settings.SharedSettingsStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WCAG 2.4.11 (Focus Not Obscured): tabbing through the settings never leaves the focused control
 * under the sticky Save bar, on the admin page and when a host page scrolls the element in a
 * container of its own.
 */
class VoiceSettingsFocusTest {
  @RegisterExtension
  static final SharedSettingsStack stack = new SharedSettingsStack();

  /** Where the focus is (through shadow roots), the Save bar's box and the visible part of the scroller. */
  private static final String FOCUS = """
      () => {
        const host = document.querySelector('voice-settings');
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!host.shadowRoot.contains(el)) return null;
        const box = (r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
        const bar = host.shadowRoot.querySelector('.vs-actions');
        const label = el.labels?.[0]?.textContent || el.getAttribute('aria-label') || el.textContent || el.id;
        return { name: `${el.localName} "${label.trim().replace(/\\s+/g, ' ').slice(0, 40)}"`,
                 focus: box(el.getBoundingClientRect()), bar: box(bar.getBoundingClientRect()), inBar: bar.contains(el) };
      }""";

  @Test
  void noFocusedControlHidesUnderTheSaveBarOnTheAdminPage() {
    try (SettingsPage ui = openWithEveryPartShown()) {
      List<String> stops = tabThroughTheSettings(ui.page());

      assertThat(stops).as("tab stops of the settings").hasSizeGreaterThanOrEqualTo(30)
          .contains("input \"Idle timeout (ms)\"", "button \"Save settings\"", "button \"Restore version 1\"");
      assertThat(stops).filteredOn(s -> s.contains("hidden")).as("controls under the Save bar").isEmpty();
    }
  }

  @Test
  void noFocusedControlHidesUnderTheSaveBarWhenTheHostScrollsAContainer() {
    try (SettingsPage ui = openWithEveryPartShown()) {
      // A host layout: the page itself does not scroll, its main area does (CSSOM, allowed by the CSP).
      ui.page().evaluate("""
          () => {
            for (const el of [document.documentElement, document.body]) Object.assign(el.style, { height: '100%', overflow: 'hidden' });
            Object.assign(document.body.style, { display: 'flex', flexDirection: 'column' });
            Object.assign(document.querySelector('main').style, { flex: '1 1 auto', minHeight: '0', overflow: 'auto' });
          }""");
      assertThat(ui.page().evaluate("() => scrollY + document.querySelector('main').scrollHeight - innerHeight")).as("main scrolls")
          .satisfies(n -> assertThat(((Number) n).doubleValue()).isPositive());
      List<String> stops = tabThroughTheSettings(ui.page());

      assertThat(stops).hasSizeGreaterThanOrEqualTo(30);
      assertThat(stops).filteredOn(s -> s.contains("hidden")).as("controls under the Save bar").isEmpty();
    }
  }

  /** The admin page at 1280×800 for a tenant with pause detection, an ICE server and a history to restore from. */
  private SettingsPage openWithEveryPartShown() {
    String tenant = stack.newTenant();
    SettingsApi api = new SettingsApi(stack.api(tenant, "alice"));
    api.save(api.settings().put("voice", "ash"));
    api.save(api.settings().put("voice", "cedar"));
    api.save(api.settings().set("iceServers", new ObjectMapper().valueToTree(
        List.of(Map.of("urls", List.of("turn:127.0.0.1:3478"), "username", "u", "credential", "c")))));
    SettingsPage ui = stack.open(tenant, "alice");
    ui.page().setViewportSize(1280, 800);
    ui.loaded();
    assertThat(ui.button("Restore version 1")).isVisible(); // the history arrives after the form
    return ui;
  }

  /** Tabs from the top of the page until the focus leaves the settings; one line per stop. */
  @SuppressWarnings("unchecked")
  private static List<String> tabThroughTheSettings(Page page) {
    page.evaluate("() => { document.activeElement?.blur(); scrollTo(0, 0); }");
    List<String> stops = new ArrayList<>();
    boolean entered = false;
    for (int i = 0; i < 120; i++) {
      page.keyboard().press("Tab");
      var stop = (Map<String, Object>) page.evaluate(FOCUS);
      if (stop == null) {
        if (entered) {
          break;
        }
        continue;
      }
      entered = true;
      var focus = (Map<String, Number>) stop.get("focus");
      var bar = (Map<String, Number>) stop.get("bar");
      boolean hidden = !(Boolean) stop.get("inBar") && intersects(focus, bar);
      stops.add(stop.get("name") + (hidden ? " hidden: " + focus + " under " + bar : ""));
    }
    return stops;
  }

  private static boolean intersects(Map<String, Number> a, Map<String, Number> b) {
    return a.get("top").doubleValue() < b.get("bottom").doubleValue() && a.get("bottom").doubleValue() > b.get("top").doubleValue()
        && a.get("left").doubleValue() < b.get("right").doubleValue() && a.get("right").doubleValue() > b.get("left").doubleValue();
  }
}
