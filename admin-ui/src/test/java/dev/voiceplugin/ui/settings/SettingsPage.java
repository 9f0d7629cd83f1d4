package dev.voiceplugin.ui.settings;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin page's {@code <voice-settings>} as a person uses it: controls found by their label or
 * role, never by CSS class. The page is served with the strict CSP of production; closing the page
 * fails the test if the element broke that policy or threw.
 */
public final class SettingsPage implements AutoCloseable {
  /** The policy the admin page runs under in production. */
  public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'";

  private static final String WATCH_PROBLEMS = """
      window.__voiceProblems = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        const path = e.composedPath().map((n) => n.localName || '').filter(Boolean).join(' > ');
        window.__voiceProblems.push(`CSP ${e.effectiveDirective} blocked ${e.blockedURI} from ${e.sourceFile}:${e.lineNumber} at ${path}`);
      }, true);
      window.addEventListener('error', (e) => window.__voiceProblems.push(`error ${e.message} at ${e.filename}:${e.lineno}`));
      window.addEventListener('unhandledrejection', (e) => window.__voiceProblems.push(`unhandled ${e.reason && e.reason.stack || e.reason}`));
      """;

  private final BrowserContext context;
  private final Page page;
  private final List<String> pageErrors = new ArrayList<>();

  private SettingsPage(BrowserContext context, Page page) {
    this.context = context;
    this.page = page;
  }

  static SettingsPage open(BrowserContext context, URI adminPage) {
    context.route("**/voice-plugin/admin.html", SettingsPage::withStrictCsp);
    context.addInitScript(WATCH_PROBLEMS);
    Page page = context.newPage();
    SettingsPage settings = new SettingsPage(context, page);
    page.onPageError(settings.pageErrors::add);
    page.navigate(adminPage.toString());
    return settings;
  }

  private static void withStrictCsp(Route route) {
    APIResponse response = route.fetch();
    Map<String, String> headers = new HashMap<>(response.headers());
    headers.put("content-security-policy", CSP);
    route.fulfill(new Route.FulfillOptions().setResponse(response).setHeaders(headers));
  }

  public Page page() {
    return page;
  }

  /** The element itself; every other locator is inside it. */
  public Locator element() {
    return page.locator("voice-settings");
  }

  /** Waits until the form shows the loaded settings. */
  public SettingsPage loaded() {
    assertThat(field("Provider")).isVisible();
    assertThat(meta()).not().isEmpty();
    return this;
  }

  /** A control by the exact text of its label. */
  public Locator field(String label) {
    return element().getByLabel(label, new Locator.GetByLabelOptions().setExact(true));
  }

  public Locator button(String name) {
    return element().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  /** The polite live region that reports what happened. */
  public Locator status() {
    return element().locator("[role=status][aria-live=polite]");
  }

  /** The line saying which version is shown and who saved it. */
  public Locator meta() {
    return element().locator("#vs-meta");
  }

  public Locator history() {
    return element().getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("History"));
  }

  /** The history's entries, one per version (not the list of changes inside each). */
  public Locator historyEntries() {
    return history().getByRole(AriaRole.LISTITEM)
        .filter(new Locator.FilterOptions().setHas(page.getByText(java.util.regex.Pattern.compile("^Version \\d+$"))));
  }

  /** A history entry by its version number. */
  public Locator historyEntry(long version) {
    return history().getByRole(AriaRole.LISTITEM)
        .filter(new Locator.FilterOptions().setHas(page.getByText("Version " + version, new Page.GetByTextOptions().setExact(true))));
  }

  public void save() {
    button("Save settings").click();
  }

  /** Saves and waits for the confirmation naming the new version. */
  public void saveAndExpectVersion(long version) {
    save();
    assertThat(status()).hasText("Saved as version " + version + ".");
  }

  /** Loads the page again (a fresh look at what the server has). */
  public SettingsPage reload() {
    page.reload();
    return loaded();
  }

  /** Sets a control's value by script, past its min/max/pattern, as a crafted request would. */
  public void forceValue(Locator control, String value) {
    control.evaluate("(el, v) => { for (const a of ['min', 'max', 'pattern', 'type']) el.removeAttribute(a); el.value = v; }", value);
  }

  /** The element's whole DOM (shadow root included) plus the current value of every control in it. */
  public String renderedStateOfTheElement() {
    return (String) element().evaluate("""
        el => [el.outerHTML, el.shadowRoot.innerHTML,
               ...[...el.shadowRoot.querySelectorAll('input, textarea, select')].map((c) => c.value)].join('\\n')""");
  }

  /** The whole page's DOM, every open shadow root included. */
  public String renderedStateOfThePage() {
    return (String) page.evaluate("""
        () => {
          const parts = [document.documentElement.outerHTML];
          const walk = (root) => root.querySelectorAll('*').forEach((el) => {
            if (el.shadowRoot) { parts.push(el.shadowRoot.innerHTML); walk(el.shadowRoot); }
            if ('value' in el && typeof el.value === 'string') parts.push(el.value);
          });
          walk(document);
          return parts.join('\\n');
        }""");
  }

  /** CSP violations and uncaught errors caused by the settings element. */
  @SuppressWarnings("unchecked")
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Object p : (List<Object>) page.evaluate("() => window.__voiceProblems || []")) {
      if (String.valueOf(p).contains("voice-settings")) {
        problems.add(String.valueOf(p));
      }
    }
    pageErrors.stream().filter(e -> e.contains("voice-settings")).forEach(problems::add);
    return problems;
  }

  @Override
  public void close() {
    try {
      List<String> problems = page.isClosed() ? List.of() : problems();
      if (!problems.isEmpty()) {
        throw new AssertionError("the settings element broke the CSP or threw: " + problems);
      }
    } finally {
      context.close();
    }
  }
}
