package dev.voiceplugin.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.ui.session.SameJson;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The main happy path end to end: the real plugin API (embedded Jetty, PostgreSQL) mints the client
 * secret from a local fake OpenAI (WireMock on 127.0.0.1) with the settings an administrator just
 * saved, and the widget on the real admin page carries exactly those settings to the provider's
 * WebRTC peer (played in the page; its SDP endpoint is WireMock's address, answered by the route).
 */
class VoiceSessionRealServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_KEY = "sk-test-voice-session-0000";
  private static final String CLIENT_SECRET = "ek_test_" + Long.toHexString(System.nanoTime());

  private static WireMockServer openai;
  private static TestServer server;
  private static BrowserFixture browser;

  private SessionHarness h;

  @BeforeAll
  static void startStack() {
    openai = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    openai.start();
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"value\":\"" + CLIENT_SECRET + "\",\"expires_at\":" + (Instant.now().getEpochSecond() + 120)
            + ",\"session\":{\"type\":\"realtime\",\"id\":\"sess_1\",\"object\":\"realtime.session\"}}")));
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_DEMO_MODE", "true");
    settings.put("VOICE_TENANCY", "demo");
    settings.put("OPENAI_API_KEY", API_KEY);
    settings.put("OPENAI_BASE_URL", openai.baseUrl());
    server = TestServer.start(settings, StaticSite.uiRoot());
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

  @AfterEach
  void closePage() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void carriesTheSettingsTheAdministratorSavedToTheProviderAndConverses() throws Exception {
    h = SessionHarness.create(browser.newContext());
    String base = server.baseUri().toString();
    APIRequestContext api = h.context.request();
    APIResponse signIn = api.post(base + "/api/v1/demo/sign-in", RequestOptions.create()
        .setHeader("X-Requested-With", "voice-plugin").setData(Map.of("tenant", "acme", "user", "alice", "admin", true)));
    assertThat(signIn.status()).as("demo sign-in: %s", signIn.text()).isEqualTo(204);
    saveSettings(api, base);

    h.open(base + "/voice-plugin/admin.html");
    Response mint = h.page.waitForResponse(r -> r.url().endsWith("/api/v1/realtime-session"), h.widget::start);
    assertThat(mint.status()).as("mint: %s", mint.text()).isBetween(200, 201);
    JsonNode minted = JSON.readTree(mint.text());
    h.widget.awaitState("listening");

    assertThat(minted.path("provider").asText()).isEqualTo("openai");
    assertThat(minted.path("clientSecret").asText()).isEqualTo(CLIENT_SECRET);
    assertThat(minted.path("webrtcUrl").asText()).isEqualTo(openai.baseUrl() + "/v1/realtime/calls");
    JsonNode sent = h.model.received("session.update").get(0);
    assertThat(h.model.received("session.update")).hasSize(1);
    SameJson.assertSameJson(sent, minted.path("sessionUpdate"));
    assertThat(sent.at("/session/audio/output/voice").asText()).isEqualTo("cedar");
    assertThat(sent.at("/session/instructions").asText()).isEqualTo("Speak like a pirate");
    assertThat(sent.at("/session/audio/input/turn_detection/type").asText()).isEqualTo("semantic_vad");
    assertThat(sent.at("/session/audio/input/turn_detection/eagerness").asText()).isEqualTo("high");
    assertThat(h.model.calls()).singleElement().satisfies(call -> {
      assertThat(call.url()).isEqualTo(openai.baseUrl() + "/v1/realtime/calls");
      assertThat(call.authorization()).isEqualTo("Bearer " + CLIENT_SECRET);
    });
    openai.verify(1, postRequestedFor(urlEqualTo("/v1/realtime/client_secrets"))
        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
        .withRequestBody(matchingJsonPath("$.session.audio.output.voice", equalTo("cedar")))
        .withRequestBody(matchingJsonPath("$.session.instructions", equalTo("Speak like a pirate"))));

    h.model.send("{\"type\":\"response.output_audio_transcript.done\",\"event_id\":\"e1\",\"response_id\":\"r1\","
        + "\"item_id\":\"a1\",\"output_index\":0,\"content_index\":0,\"transcript\":\"Arr, welcome aboard!\"}");
    assertThat(h.widget.turns()).hasCount(1);
    assertThat(h.widget.turns().first()).containsText("Arr, welcome aboard!");
    assertThat(h.widget.allText()).doesNotContain(CLIENT_SECRET);
    assertThat(h.console).noneMatch(line -> line.contains(CLIENT_SECRET));

    h.widget.stopButton().click();
    h.widget.awaitState("ended");
    assertThat(h.model.widgetMedia().microphoneReadyState()).isEqualTo("ended");
    assertThat(h.blocked).isEmpty();
  }

  @Test
  void showsTheRealServersHintWhenNoProviderKeyIsConfigured() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_DEMO_MODE", "true");
    settings.put("VOICE_TENANCY", "demo");
    settings.put("OPENAI_BASE_URL", openai.baseUrl());
    settings.put("VOICE_DEFAULT_SETTINGS", "{\"connectionMode\":\"browser\"}");
    try (TestServer keyless = TestServer.start(settings, StaticSite.uiRoot())) {
      h = SessionHarness.create(browser.newContext());
      String base = keyless.baseUri().toString();
      APIResponse signIn = h.context.request().post(base + "/api/v1/demo/sign-in", RequestOptions.create()
          .setHeader("X-Requested-With", "voice-plugin").setData(Map.of("tenant", "globex", "user", "bob", "admin", true)));
      assertThat(signIn.status()).isEqualTo(204);
      h.open(base + "/voice-plugin/admin.html");

      Response mint = h.page.waitForResponse(r -> r.url().endsWith("/api/v1/realtime-session"), h.widget::start);

      assertThat(mint.status()).isEqualTo(503);
      JsonNode problem = JSON.readTree(mint.text());
      assertThat(problem.path("code").asText()).isEqualTo("provider_not_configured");
      h.widget.awaitState("error");
      assertThat(h.widget.message()).hasText(problem.path("detail").asText() + " " + problem.path("hint").asText());
      assertThat(h.widget.message()).containsText("ask the platform team");
      assertThat(h.model.getUserMediaCalls()).isZero();
      assertThat(h.widget.startButton()).hasText("Reconnect");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Changes voice, instructions and turn detection through the settings API, as the settings screen does. */
  private static void saveSettings(APIRequestContext api, String base) throws Exception {
    APIResponse current = api.get(base + "/api/v1/realtime-settings");
    assertThat(current.status()).as("GET settings: %s", current.text()).isEqualTo(200);
    String etag = current.headers().get("etag");
    assertThat(etag).isNotBlank();
    ObjectNode settings = (ObjectNode) JSON.readTree(current.text()).path("settings");
    settings.put("voice", "cedar");
    settings.put("instructions", "Speak like a pirate");
    ObjectNode turns = settings.putObject("turnDetection");
    turns.put("type", "semantic_vad");
    turns.put("eagerness", "high");
    turns.put("createResponse", true);
    turns.put("interruptResponse", true);
    settings.putArray("iceServers"); // nothing to reach outside 127.0.0.1
    settings.put("connectionMode", "browser"); // this test is the minted path; VoiceSessionServerCallRealTest the other
    ObjectNode body = JSON.createObjectNode();
    body.set("settings", settings);
    APIResponse saved = api.put(base + "/api/v1/realtime-settings", RequestOptions.create()
        .setHeader("If-Match", etag).setHeader("X-Requested-With", "voice-plugin")
        .setHeader("Content-Type", "application/json").setData(JSON.writeValueAsString(body)));
    assertThat(saved.status()).as("PUT settings: %s", saved.text()).isEqualTo(200);
  }
}
