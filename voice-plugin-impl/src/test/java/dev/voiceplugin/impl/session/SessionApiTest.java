package dev.voiceplugin.impl.session;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static dev.voiceplugin.impl.testing.HeaderTenancy.member;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class SessionApiTest {
  static final String PLATFORM_KEY = "sk-platform-PLATFORMKEY0123456789";
  static final String TENANT_KEY = "sk-tenant-TENANTKEY0123456789abc";
  static final String SECRET = "ek_68af296e8e408191a1120ab6383263c2";

  @RegisterExtension
  static WireMockExtension openai = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  static TestServer server;
  static ApiClient api;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    settings.put("OPENAI_API_KEY", PLATFORM_KEY);
    settings.put("OPENAI_BASE_URL", "http://127.0.0.1:" + openai.getPort());
    settings.put("VOICE_MINT_LIMIT_PER_USER", "3/1h");
    settings.put("VOICE_PROVIDER_READ_TIMEOUT_MS", "1500");
    server = TestServer.start(settings);
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(okJson(
        "{\"value\":\"" + SECRET + "\",\"expires_at\":1767225600,\"session\":{\"type\":\"realtime\",\"id\":\"sess_1\",\"object\":\"realtime.session\"}}")));
  }

  @AfterEach
  void noSecretInAnyLogLine() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    for (ILoggingEvent e : logs.list) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
      assertThat(line).doesNotContain(PLATFORM_KEY).doesNotContain(TENANT_KEY).doesNotContain(SECRET);
    }
  }

  @Test
  void mintsWithThePlatformKeyAndTheTenantsSettings() {
    saveSettings("acme", "{\"voice\":\"cedar\",\"instructions\":\"Talk like a pirate\"}", null);
    ApiClient.Reply reply = api.post("/api/v1/realtime-session", null, admin("acme", "alice"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    JsonNode body = reply.json();
    assertThat(body.at("/clientSecret").asText()).isEqualTo(SECRET);
    assertThat(body.at("/expiresAt").asLong()).isEqualTo(1767225600L);
    assertThat(body.at("/provider").asText()).isEqualTo("openai");
    assertThat(body.at("/webrtcUrl").asText()).isEqualTo("http://127.0.0.1:" + openai.getPort() + "/v1/realtime/calls");
    assertThat(body.at("/sessionUpdate/type").asText()).isEqualTo("session.update");
    assertThat(body.at("/sessionUpdate/session/audio/output/voice").asText()).isEqualTo("cedar");
    assertThat(body.at("/sessionUpdate/session/instructions").asText()).isEqualTo("Talk like a pirate");
    assertThat(body.at("/sessionUpdate/session/model").isMissingNode()).isTrue();
    assertThat(body.at("/settingsVersion").asLong()).isEqualTo(1);
    assertThat(reply.body()).doesNotContain(PLATFORM_KEY);
    openai.verify(postRequestedFor(urlEqualTo("/v1/realtime/client_secrets"))
        .withHeader("Authorization", equalTo("Bearer " + PLATFORM_KEY))
        .withHeader("OpenAI-Safety-Identifier", com.github.tomakehurst.wiremock.client.WireMock.matching("[0-9a-f]{64}"))
        .withRequestBody(matchingJsonPath("$.session.audio.output.voice", equalTo("cedar")))
        .withRequestBody(matchingJsonPath("$.session.model", equalTo("gpt-realtime"))));
  }

  @Test
  void theTenantsOwnKeyWinsOverThePlatformKey() {
    saveSettings("own-key", "{}", TENANT_KEY);
    assertThat(api.post("/api/v1/realtime-session", null, admin("own-key", "olga")).status()).isEqualTo(200);
    openai.verify(postRequestedFor(urlEqualTo("/v1/realtime/client_secrets")).withHeader("Authorization", equalTo("Bearer " + TENANT_KEY)));
  }

  @Test
  void upstreamRejectionBecomesAProblemWithoutTheKeyAndIsAudited() {
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + PLATFORM_KEY + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));
    ApiClient.Reply reply = api.post("/api/v1/realtime-session", null, admin("rejected", "rita"));
    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().at("/code").asText()).isEqualTo("provider_key_rejected");
    assertThat(reply.body()).doesNotContain(PLATFORM_KEY).doesNotContain("sk-platform");

    JsonNode audit = api.get("/api/v1/realtime-session/audit", admin("rejected", "rita")).json();
    assertThat(audit.at("/total").asLong()).isEqualTo(1);
    assertThat(audit.at("/items/0/outcome").asText()).isEqualTo("provider_key_rejected");
    assertThat(audit.at("/items/0/upstreamStatus").asInt()).isEqualTo(401);
    assertThat(audit.at("/items/0/userId").asText()).isEqualTo("rita");
    assertThat(audit.toString()).doesNotContain(SECRET);
  }

  @Test
  void everyAttemptIsAuditedForItsOwnTenantOnly() {
    api.post("/api/v1/realtime-session", null, admin("audited", "ann"));
    api.post("/api/v1/realtime-session", null, admin("audited", "ann"));
    JsonNode audit = api.get("/api/v1/realtime-session/audit?page=0&size=1", admin("audited", "ann")).json();
    assertThat(audit.at("/total").asLong()).isEqualTo(2);
    assertThat(audit.at("/items").size()).isEqualTo(1);
    assertThat(audit.at("/items/0/outcome").asText()).isEqualTo("ok");
    assertThat(audit.at("/items/0/model").asText()).isEqualTo("gpt-realtime");
    assertThat(audit.at("/items/0/upstreamLatencyMs").isInt()).isTrue();
    assertThat(api.get("/api/v1/realtime-session/audit", admin("other-tenant", "eve")).json().at("/total").asLong()).isZero();
  }

  @Test
  void perUserLimitAnswers429WithRetryAfter() {
    for (int i = 0; i < 3; i++) {
      assertThat(api.post("/api/v1/realtime-session", null, admin("limited", "lou")).status()).isEqualTo(200);
    }
    ApiClient.Reply limited = api.post("/api/v1/realtime-session", null, admin("limited", "lou"));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().at("/code").asText()).isEqualTo("session_rate_limited");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
    assertThat(api.post("/api/v1/realtime-session", null, admin("limited", "lena")).status()).as("another user").isEqualTo(200);
  }

  @Test
  void onlyCallersAllowedForTheTenantMayMintOrReadTheAudit() {
    assertThat(api.post("/api/v1/realtime-session", null, member("acme", "mallory")).json().at("/code").asText())
        .isEqualTo("session_not_allowed");
    assertThat(api.get("/api/v1/realtime-session/audit", member("acme", "mallory")).status()).isEqualTo(403);
    String[] sessionUser = {"X-Test-Tenant", "acme", "X-Test-User", "sam", "X-Test-Session", "true", "X-Requested-With", "voice-plugin"};
    assertThat(api.post("/api/v1/realtime-session", null, sessionUser).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/realtime-session/audit", sessionUser).status()).isEqualTo(403);
    String[] noTenant = {"X-Test-User", "drifter", "X-Test-Admin", "true", "X-Requested-With", "voice-plugin"};
    assertThat(api.post("/api/v1/realtime-session", null, noTenant).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/realtime-session", null, "X-Requested-With", "voice-plugin").status()).isEqualTo(401);
    assertThat(api.post("/api/v1/realtime-session", null, "X-Test-Tenant", "acme", "X-Test-User", "a", "X-Test-Admin", "true").json()
        .at("/code").asText()).as("no CSRF header").isEqualTo("csrf_header_missing");
  }

  static void saveSettings(String tenant, String overridesJson, String apiKey) {
    try {
      var mapper = dev.voiceplugin.impl.web.Json.mapper();
      ApiClient.Reply current = api.get("/api/v1/realtime-settings", admin(tenant, "setup"));
      var settings = (com.fasterxml.jackson.databind.node.ObjectNode) current.json().get("settings");
      settings.setAll((com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(overridesJson));
      var body = mapper.createObjectNode();
      body.set("settings", settings);
      if (apiKey != null) {
        body.put("apiKey", apiKey);
      }
      String[] headers = java.util.Arrays.copyOf(admin(tenant, "setup"), 10);
      headers[8] = "If-Match";
      headers[9] = current.header("ETag");
      assertThat(api.put("/api/v1/realtime-settings", body, headers).status()).isEqualTo(200);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
