package dev.voiceplugin.ui.session;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One browser context and page prepared for the widget: the in-page fake model (and its routing of
 * the SDP POST), a guard that aborts anything not addressed to 127.0.0.1, and a record of console
 * output and page errors. Optional: a stubbed mint endpoint, calls API and relay.
 */
public final class SessionHarness implements AutoCloseable {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  public final BrowserContext context;
  public final Page page;
  public final FakeModel model;
  public final WidgetPage widget;
  /** Console messages of the page, as text. */
  public final List<String> console = new CopyOnWriteArrayList<>();
  public final List<String> pageErrors = new CopyOnWriteArrayList<>();
  /** Requests that tried to leave 127.0.0.1 and were aborted. */
  public final List<String> blocked = new CopyOnWriteArrayList<>();

  private SessionHarness(BrowserContext context) {
    this.context = context;
    context.route(url -> !isLoopback(url), route -> {
      blocked.add(route.request().method() + " " + route.request().url());
      route.abort("blockedbyclient");
    });
    this.page = context.newPage();
    page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
    page.onPageError(e -> pageErrors.add(e));
    this.model = FakeModel.install(page);
    this.widget = new WidgetPage(page);
  }

  /** Prepares {@code context}; add stubs or init scripts, then {@link #open(String)}. */
  public static SessionHarness create(BrowserContext context) {
    return new SessionHarness(context);
  }

  /** Answers the mint endpoint from the test instead of a server. */
  public MintStub stubMint() {
    return MintStub.install(page);
  }

  /** Answers the server-controlled calls API (options, create, get, hang up) from the test. */
  public CallsStub stubCalls() {
    return CallsStub.install(page, model);
  }

  /** Answers the relay's ticket endpoint and plays its socket from the test. */
  public RelayStub stubRelay() {
    return RelayStub.install(page);
  }

  /** Loads {@code url} and waits until {@code <voice-session>} is defined. */
  public SessionHarness open(String url) {
    page.navigate(url);
    page.waitForFunction("() => customElements.get('voice-session') !== undefined");
    return this;
  }

  private static boolean isLoopback(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null || LOOPBACK.contains(host);
    } catch (IllegalArgumentException e) {
      return true; // data:, blob: and the like never reach the network
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
