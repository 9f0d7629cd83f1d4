package dev.voiceplugin.ui.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, headless, with a fake microphone and loopback WebRTC.
 * One browser per test class; each test gets a fresh {@link BrowserContext} (own cookies).
 * Fails loudly (never skips) when Chromium is missing: CI installs it.
 */
public final class BrowserFixture implements AutoCloseable {
  public static final Path CHROMIUM = Path.of(System.getProperty("voice.chromium", "/usr/bin/chromium"));
  private static final List<String> ARGS = List.of(
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream", "--allow-loopback-in-peer-connection",
      "--autoplay-policy=no-user-gesture-required");

  private final Playwright playwright;
  private final Browser browser;

  private BrowserFixture(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  public static BrowserFixture launch() {
    return launch(List.of());
  }

  /** Launches Chromium with the standard flags plus {@code extraArgs}. */
  public static BrowserFixture launch(List<String> extraArgs) {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(CHROMIUM + " is missing: apt-get install -y chromium (.ci/run does this)");
    }
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    List<String> args = new java.util.ArrayList<>(ARGS);
    args.addAll(extraArgs);
    Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(args));
    return new BrowserFixture(playwright, browser);
  }

  /** A fresh context (cookies, permissions) with the microphone granted. */
  public BrowserContext newContext() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setPermissions(List.of("microphone")));
    context.setDefaultTimeout(15_000);
    return context;
  }

  /**
   * A fresh context without the microphone permission. Note that {@code --use-fake-ui-for-media-stream}
   * still accepts the prompt in such a context; to see a real denial, launch with
   * {@code launch(List.of("--use-fake-ui-for-media-stream=deny"))}.
   */
  public BrowserContext newContextWithoutMicrophone() {
    BrowserContext context = browser.newContext();
    context.setDefaultTimeout(15_000);
    return context;
  }

  public Browser browser() {
    return browser;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
