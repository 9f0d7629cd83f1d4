package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Route;
import dev.voiceplugin.ui.session.MintStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Before asking the server or the microphone, the widget checks that the page and browser can do voice. */
class VoiceSessionPreflightTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;

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

  @AfterEach
  void closePage() {
    h.close();
  }

  @Test
  void explainsThatAPlainHttpPageCannotUseTheMicrophone() {
    h = SessionHarness.create(browser.newContext());
    // The same files, but from a plain-HTTP host that is not localhost: not a secure context.
    h.page.route("http://admin.example.test/**", route -> {
      String path = URI.create(route.request().url()).getRawPath();
      route.fulfill(new Route.FulfillOptions().setResponse(route.fetch(new Route.FetchOptions().setUrl(site.url(path)))));
    });
    MintStub mint = h.stubMint();
    h.open("http://admin.example.test/test/host.html");
    assertThat((Boolean) h.page.evaluate("() => window.isSecureContext")).isFalse();

    h.widget.start();

    h.widget.awaitState("error");
    assertThat(h.widget.message()).hasText("This page is not secure, so the browser does not allow the microphone. "
        + "Open the admin panel over HTTPS (or on localhost).");
    assertThat(mint.requests()).isEmpty();
  }

  @Test
  void explainsThatTheBrowserCannotCaptureAudio() {
    h = SessionHarness.create(browser.newContext());
    h.page.addInitScript("Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });");
    MintStub mint = h.stubMint();
    h.open(site.hostPage());

    h.widget.start();

    h.widget.awaitState("error");
    assertThat(h.widget.message()).hasText("This browser cannot capture audio or make WebRTC calls. "
        + "Use a current version of Chrome, Edge, Firefox or Safari.");
    assertThat(mint.requests()).isEmpty();
  }
}
