package dev.voiceplugin.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.options.RequestOptions;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole real stack of a widget test class, started before its first test and closed after its
 * last: the strict fake provider, the plugin on embedded Jetty with a fresh PostgreSQL schema, demo
 * tenancy and the platform key pointing at the fake, and Chromium.
 * {@code @RegisterExtension static final FakeProviderStack stack = new FakeProviderStack();}, or
 * {@code .with("VOICE_CALL_MAX_SECONDS", "8")} for other plugin settings.
 */
public final class FakeProviderStack implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> extra = new HashMap<>();
  private FakeRealtimeProvider fake;
  private TestServer server;
  private BrowserFixture browser;

  /** Another plugin setting for this stack; call before the class starts. */
  public FakeProviderStack with(String key, String value) {
    extra.put(key, value);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    fake = FakeRealtimeProvider.start();
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_DEMO_MODE", "true");
    settings.put("VOICE_TENANCY", "demo");
    settings.put("OPENAI_API_KEY", FakeRealtimeProvider.OPENAI_KEY);
    settings.put("OPENAI_BASE_URL", fake.baseUrl());
    settings.putAll(extra);
    server = TestServer.start(settings, StaticSite.uiRoot());
    browser = BrowserFixture.launch();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      try {
        if (server != null) {
          server.close();
        }
      } finally {
        if (fake != null) {
          fake.close();
        }
      }
    }
  }

  public FakeRealtimeProvider fake() {
    return fake;
  }

  public TestServer server() {
    return server;
  }

  public BrowserFixture browser() {
    return browser;
  }

  /** The plugin's base URL without a trailing slash, e.g. {@code http://127.0.0.1:1234}. */
  public String base() {
    return server.baseUri().toString().replaceAll("/$", "");
  }

  /** Signs {@code context} in (demo cookie) as an administrator of {@code tenant}. */
  public void signInAdmin(BrowserContext context, String tenant, String user) {
    APIResponse reply = context.request().post(base() + "/api/v1/demo/sign-in", RequestOptions.create()
        .setHeader("X-Requested-With", "voice-plugin").setData(Map.of("tenant", tenant, "user", user, "admin", true)));
    assertThat(reply.status()).as("demo sign-in: %s", reply.text()).isEqualTo(204);
  }
}
