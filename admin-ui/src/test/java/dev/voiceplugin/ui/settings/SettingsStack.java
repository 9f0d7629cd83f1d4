package dev.voiceplugin.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.options.RequestOptions;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The whole stack of a settings-screen test class: the real API on embedded Jetty with a fresh
 * PostgreSQL schema, the demo sign-in, the admin page served from the working tree, and Chromium.
 * Tests share it and stay apart by using a tenant of their own ({@link #newTenant()}).
 */
public final class SettingsStack implements AutoCloseable {
  private final TestServer server;
  private final BrowserFixture browser;

  private SettingsStack(TestServer server, BrowserFixture browser) {
    this.server = server;
    this.browser = browser;
  }

  /** The stack with a master key, so API keys can be stored. */
  public static SettingsStack start() {
    return start(Map.of("VOICE_MASTER_KEY", TestKeys.masterKey()));
  }

  /** The stack as a platform that has not configured a master key: API keys cannot be stored. */
  public static SettingsStack startWithoutMasterKey() {
    return start(Map.of());
  }

  private static SettingsStack start(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_DEMO_MODE", "true");
    settings.put("VOICE_TENANCY", "demo");
    settings.putAll(extra);
    TestServer server = TestServer.start(settings, Path.of(System.getProperty("voice.ui.root")));
    try {
      return new SettingsStack(server, BrowserFixture.launch());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public java.net.URI baseUri() {
    return server.baseUri();
  }

  /** A tenant no other test uses. */
  public String newTenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An API client signed in (demo cookie) as an administrator of {@code tenant}. */
  public ApiClient api(String tenant, String user) {
    ApiClient api = new ApiClient(server.baseUri());
    ApiClient.Reply reply = api.post("/api/v1/demo/sign-in", Map.of("tenant", tenant, "user", user, "admin", true),
        "X-Requested-With", "voice-plugin");
    assertThat(reply.status()).as("demo sign-in: %s", reply).isEqualTo(204);
    return api;
  }

  /** The admin page in a fresh browser context, signed in as an administrator of {@code tenant}. */
  public SettingsPage open(String tenant, String user) {
    return open(tenant, user, true);
  }

  /** The admin page in a fresh browser context, signed in as {@code user}; no sign-in when user is null. */
  public SettingsPage open(String tenant, String user, boolean admin) {
    BrowserContext context = browser.newContext();
    try {
      if (user != null) {
        var reply = context.request().post(server.baseUri() + "/api/v1/demo/sign-in", RequestOptions.create()
            .setHeader("X-Requested-With", "voice-plugin")
            .setData(Map.of("tenant", tenant, "user", user, "admin", admin)));
        assertThat(reply.status()).as("demo sign-in: %s", reply.text()).isEqualTo(204);
      }
      return SettingsPage.open(context, server.baseUri().resolve("/voice-plugin/admin.html"));
    } catch (RuntimeException | AssertionError e) {
      context.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      server.close();
    }
  }
}
