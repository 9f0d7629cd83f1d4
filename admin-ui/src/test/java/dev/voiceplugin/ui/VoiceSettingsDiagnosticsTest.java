package dev.voiceplugin.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.ui.settings.SettingsPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Test connection" on the settings screen, against the real API with WireMock playing OpenAI:
 * a run with the platform's key that passes, then one with a rejected tenant key that fails at
 * the key step, each shown step by step in the live region, under the production CSP; and a refused
 * platform key, named as the platform's with what the tenant admin can do about it.
 */
class VoiceSettingsDiagnosticsTest {
  private static final String PLATFORM_KEY = "sk-platform-diagnostics-0123456789";
  private static final String BAD_KEY = "sk-tenant-revoked-abcdefghij9Wq";
  private static final String SECRET = "ek_diagnostics_0123456789abcdef";
  private static final String WATCH_PROBLEMS = """
      window.__voiceProblems = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__voiceProblems.push(
          `CSP ${e.effectiveDirective} blocked ${e.blockedURI} from ${e.sourceFile}:${e.lineNumber}`), true);
      window.addEventListener('error', (e) => window.__voiceProblems.push(`error ${e.message} at ${e.filename}:${e.lineno}`));
      window.addEventListener('unhandledrejection', (e) => window.__voiceProblems.push(`unhandled ${e.reason}`));
      """;

  private static WireMockServer openai;
  private static TestServer server;
  private static BrowserFixture browser;

  @BeforeAll
  static void startStack() {
    PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    openai = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    openai.start();
    // Only the platform's key is a key OpenAI knows.
    openai.stubFor(get(urlEqualTo("/v1/models/gpt-realtime")).atPriority(2).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + BAD_KEY
            + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));
    openai.stubFor(get(urlEqualTo("/v1/models/gpt-realtime")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + PLATFORM_KEY))
        .willReturn(okJson("{\"id\":\"gpt-realtime\",\"object\":\"model\",\"created\":1756339200,\"owned_by\":\"system\"}")));
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).withHeader("Authorization", equalTo("Bearer " + PLATFORM_KEY))
        .willReturn(okJson("{\"value\":\"" + SECRET + "\",\"expires_at\":1767225600,"
            + "\"session\":{\"type\":\"realtime\",\"object\":\"realtime.session\",\"id\":\"sess_1\"}}")));
    // The platform's key may not use the mini model: OpenAI answers 401, as for a revoked key.
    openai.stubFor(get(urlEqualTo("/v1/models/gpt-realtime-mini")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"invalid_api_key\"}}")));
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_DEMO_MODE", "true");
    settings.put("VOICE_TENANCY", "demo");
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    settings.put("OPENAI_API_KEY", PLATFORM_KEY);
    settings.put("OPENAI_BASE_URL", openai.baseUrl());
    server = TestServer.start(settings, Path.of(System.getProperty("voice.ui.root")));
    browser = BrowserFixture.launch();
  }

  @AfterAll
  static void stopStack() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    openai.stop();
  }

  @Test
  void showsAPassingRunAndThenOneThatFailsAtTheKeyStep() {
    BrowserContext context = browser.newContext();
    try {
      Page page = openAdminPage(context, "t-diagnostics", "alice");
      Locator settings = page.locator("voice-settings");
      assertThat(settings.getByLabel("Provider", new Locator.GetByLabelOptions().setExact(true))).isVisible();
      Locator section = settings.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Connection test"));
      Locator run = section.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection").setExact(true));
      Locator live = section.locator("[aria-live=polite]");
      Locator steps = live.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Connection test steps"))
          .getByRole(AriaRole.LISTITEM);
      assertThat(run).hasAccessibleDescription(java.util.regex.Pattern.compile("Save your changes first"));

      run.click();
      assertThat(live).containsText("The connection test passed: every step succeeded (saved settings, version 0).");
      assertThat(live).hasAttribute("aria-busy", "false");
      assertThat(steps).hasCount(4);
      assertThat(step(steps, "Configuration")).containsText("Passed");
      assertThat(step(steps, "Configuration")).containsText("with the platform's API key");
      assertThat(step(steps, "API key")).containsText("OpenAI accepted the API key.");
      assertThat(step(steps, "Model")).containsText("OpenAI offers the model 'gpt-realtime'");
      assertThat(step(steps, "Session key")).containsText("expires_at 1767225600");
      for (Locator item : steps.all()) {
        assertThat(item).containsText("Passed");
      }
      assertThat(run).isFocused();

      // The tenant saves a key of its own, which OpenAI does not accept.
      settings.getByLabel("New API key", new Locator.GetByLabelOptions().setExact(true)).fill(BAD_KEY);
      settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save settings").setExact(true)).click();
      assertThat(settings.locator("[role=status][aria-live=polite]")).hasText("Saved as version 1.");

      run.click();
      assertThat(live).containsText("The connection test failed at “API key” (saved settings, version 1).");
      assertThat(steps).hasCount(4);
      assertThat(step(steps, "Configuration")).containsText("with the tenant's own API key (ending in j9Wq)");
      Locator key = step(steps, "API key");
      assertThat(key).containsText("Failed");
      assertThat(key).containsText("OpenAI rejected the API key (HTTP 401).");
      assertThat(key).containsText("Check the tenant's OpenAI API key in the voice settings");
      assertThat(key).containsText("Code: provider_key_rejected");
      assertThat(step(steps, "Model")).containsText("Skipped");
      assertThat(step(steps, "Session key")).containsText("Skipped");

      String rendered = (String) page.evaluate("() => document.querySelector('voice-settings').shadowRoot.innerHTML");
      assertThat(rendered).doesNotContain(BAD_KEY).doesNotContain(PLATFORM_KEY).doesNotContain(SECRET);
      openai.verify(1, postRequestedFor(urlEqualTo("/v1/realtime/client_secrets")));
      openai.verify(1, getRequestedFor(urlEqualTo("/v1/models/gpt-realtime")).withHeader("Authorization", equalTo("Bearer " + BAD_KEY)));
      assertThat(problems(page)).isEmpty();
    } finally {
      context.close();
    }
  }

  @Test
  void aRefusedPlatformKeyIsNamedAsThePlatformsWithWhatTheAdminCanDo() throws Exception {
    BrowserContext context = browser.newContext();
    try {
      Page page = openAdminPage(context, "t-platform-refused", "paula");
      useModel(context, "gpt-realtime-mini");
      page.reload();
      Locator settings = page.locator("voice-settings");
      Locator section = settings.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Connection test"));
      Locator live = section.locator("[aria-live=polite]");
      Locator steps = live.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Connection test steps"))
          .getByRole(AriaRole.LISTITEM);

      section.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection").setExact(true)).click();

      assertThat(live).containsText("The connection test failed at “API key”");
      assertThat(step(steps, "Configuration")).containsText("with the platform's API key");
      Locator key = step(steps, "API key");
      assertThat(key).containsText("Failed");
      assertThat(key).containsText("The platform's OpenAI key was refused by OpenAI; ask the platform team, "
          + "or save your own key in the settings.");
      assertThat(key).not().containsText("Check the tenant's");
      assertThat(key).not().containsText("OPENAI_API_KEY");
      assertThat(problems(page)).isEmpty();
    } finally {
      context.close();
    }
  }

  /** Saves the tenant's settings with {@code model} through the API, as the signed-in admin. */
  private static void useModel(BrowserContext context, String model) throws Exception {
    String url = server.baseUri() + "/api/v1/realtime-settings";
    APIResponse current = context.request().get(url);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var document = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(current.text());
    var body = mapper.createObjectNode();
    body.set("settings", ((com.fasterxml.jackson.databind.node.ObjectNode) document.get("settings")).put("model", model));
    APIResponse saved = context.request().put(url, RequestOptions.create().setHeader("X-Requested-With", "voice-plugin")
        .setHeader("If-Match", current.headers().get("etag")).setHeader("Content-Type", "application/json")
        .setData(mapper.writeValueAsString(body)));
    assertThat(saved.status()).as("save: %s", saved.text()).isEqualTo(200);
  }

  private static Locator step(Locator steps, String title) {
    return steps.filter(new Locator.FilterOptions().setHas(
        steps.page().getByText(title, new Page.GetByTextOptions().setExact(true))));
  }

  /** The admin page as a signed-in administrator, served with the production CSP. */
  private static Page openAdminPage(BrowserContext context, String tenant, String user) {
    APIResponse signIn = context.request().post(server.baseUri() + "/api/v1/demo/sign-in", RequestOptions.create()
        .setHeader("X-Requested-With", "voice-plugin").setData(Map.of("tenant", tenant, "user", user, "admin", true)));
    assertThat(signIn.status()).as("demo sign-in: %s", signIn.text()).isEqualTo(204);
    context.route("**/voice-plugin/admin.html", VoiceSettingsDiagnosticsTest::withStrictCsp);
    context.addInitScript(WATCH_PROBLEMS);
    Page page = context.newPage();
    page.navigate(server.baseUri().resolve("/voice-plugin/admin.html").toString());
    return page;
  }

  private static void withStrictCsp(Route route) {
    APIResponse response = route.fetch();
    Map<String, String> headers = new HashMap<>(response.headers());
    headers.put("content-security-policy", SettingsPage.CSP);
    route.fulfill(new Route.FulfillOptions().setResponse(response).setHeaders(headers));
  }

  /** CSP violations and uncaught errors of the settings element. */
  @SuppressWarnings("unchecked")
  private static List<String> problems(Page page) {
    return ((List<Object>) page.evaluate("() => window.__voiceProblems || []")).stream().map(String::valueOf)
        .filter(p -> p.contains("voice-settings")).toList();
  }
}
