package dev.voiceplugin.impl.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CSRF, security headers, metrics, health probes and the OpenAPI document, over real HTTP. */
class SecurityAndOperationsTest {
  @RegisterExtension
  static WireMockExtension openai = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  static TestServer server;
  static ApiClient api;

  @BeforeAll
  static void start() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("OPENAI_API_KEY", "sk-platform-metrics-0123456789");
    settings.put("OPENAI_BASE_URL", "http://127.0.0.1:" + openai.getPort());
    settings.put("VOICE_FRAME_ANCESTORS", "'self' https://admin.example.com");
    settings.put("VOICE_ALLOWED_ORIGINS", "https://admin.example.com");
    server = TestServer.start(settings);
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void crossOriginWritesAreRefusedAndSameOriginOnesPass() {
    String[] who = admin("csrf", "ann");
    assertThat(api.post("/api/v1/realtime-settings/history/1/restore", null, concat(who, "Origin", "https://evil.example"))
        .json().at("/code").asText()).isEqualTo("csrf_rejected");
    assertThat(api.post("/api/v1/realtime-settings/history/1/restore", null, concat(who, "Sec-Fetch-Site", "cross-site"))
        .json().at("/code").asText()).isEqualTo("csrf_rejected");
    assertThat(api.post("/api/v1/realtime-settings/history/1/restore", null,
        "X-Test-Tenant", "csrf", "X-Test-User", "ann", "X-Test-Admin", "true").json().at("/code").asText())
        .isEqualTo("csrf_header_missing");
    String sameOrigin = server.baseUri().toString().replaceAll("/$", "");
    assertThat(api.post("/api/v1/realtime-settings/history/1/restore", null, concat(who, "Origin", sameOrigin, "Sec-Fetch-Site", "same-origin"))
        .json().at("/code").asText()).as("passes CSRF, then finds no such version").isEqualTo("version_not_found");
    assertThat(api.post("/api/v1/realtime-settings/history/1/restore", null, concat(who, "Origin", "https://admin.example.com"))
        .json().at("/code").asText()).as("an allowed origin").isEqualTo("version_not_found");
    assertThat(api.get("/api/v1/realtime-settings", concat(who, "Origin", "https://evil.example")).status())
        .as("reads are not state-changing").isEqualTo(200);
  }

  @Test
  void responsesCarryTheSecurityHeaders() {
    ApiClient.Reply reply = api.get("/api/v1/health");
    String csp = reply.header("Content-Security-Policy");
    assertThat(csp).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'self' https://admin.example.com",
        "connect-src 'self' http://127.0.0.1:" + openai.getPort()).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(reply.header("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(reply.header("Access-Control-Allow-Origin")).as("CORS is off").isNull();
  }

  @Test
  void metricsShowSuccessfulAndFailedMints() {
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets"))
        .willReturn(okJson("{\"value\":\"ek_metrics\",\"expires_at\":1767225600,\"session\":{\"type\":\"realtime\"}}")));
    assertThat(api.post("/api/v1/realtime-session", null, admin("metrics", "mo")).status()).isEqualTo(200);
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(aResponse().withStatus(503)));
    assertThat(api.post("/api/v1/realtime-session", null, admin("metrics", "mo")).status()).isEqualTo(502);

    String scrape = api.get("/api/v1/metrics").body();
    assertThat(scrape).contains("voice_mints_total{outcome=\"ok\",provider=\"openai\"} 1.0");
    assertThat(scrape).contains("voice_mints_total{outcome=\"provider_unavailable\",provider=\"openai\"} 1.0");
    assertThat(scrape).contains("voice_upstream_responses_total{provider=\"openai\",status=\"503\"}");
    assertThat(scrape).contains("voice_mint_latency_seconds_bucket");
    assertThat(scrape).doesNotContain("ek_metrics").doesNotContain("sk-platform");
  }

  @Test
  void corsIsOffUnlessConfiguredAndThenOnlyForTheListedOrigins() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("VOICE_CORS_ORIGINS", "https://admin.example.com");
    try (TestServer cors = TestServer.start(settings)) {
      ApiClient client = new ApiClient(cors.baseUri());
      ApiClient.Reply preflight = client.send("OPTIONS", "/api/v1/realtime-settings", null,
          "Origin", "https://admin.example.com", "Access-Control-Request-Method", "PUT",
          "Access-Control-Request-Headers", "if-match, x-requested-with, content-type");
      assertThat(preflight.status()).isEqualTo(204);
      assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://admin.example.com");
      assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
      assertThat(preflight.header("Access-Control-Allow-Headers")).contains("If-Match", "X-Requested-With");

      ApiClient.Reply read = client.get("/api/v1/realtime-settings", concat(admin("cors", "ann"), "Origin", "https://admin.example.com"));
      assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo("https://admin.example.com");
      assertThat(read.header("Access-Control-Expose-Headers")).contains("ETag");
      assertThat(client.post("/api/v1/realtime-settings/history/9/restore", null,
          concat(admin("cors", "ann"), "Origin", "https://admin.example.com")).json().at("/code").asText())
          .as("a CORS origin may write").isEqualTo("version_not_found");

      ApiClient.Reply stranger = client.send("OPTIONS", "/api/v1/realtime-settings", null,
          "Origin", "https://evil.example", "Access-Control-Request-Method", "PUT");
      assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
    }
    assertThat(api.send("OPTIONS", "/api/v1/realtime-settings", null, "Origin", "https://admin.example.com",
        "Access-Control-Request-Method", "PUT").header("Access-Control-Allow-Origin")).as("off by default").isNull();
  }

  @Test
  void livenessAndReadinessProbes() {
    assertThat(api.get("/api/v1/health/live").json().at("/status").asText()).isEqualTo("UP");
    assertThat(api.get("/api/v1/health/ready").json().at("/database/reachable").asBoolean()).isTrue();
  }

  @Test
  void theOpenApiDocumentListsEveryEndpointOfEveryResource() {
    JsonNode doc = api.get("/api/v1/openapi.json").json();
    assertThat(doc.at("/openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    doc.at("/paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
        .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    Set<String> served = new TreeSet<>();
    for (Object resource : server.plugin().resources()) {
      Path root = resource.getClass().getAnnotation(Path.class);
      if (root == null || resource.getClass().getName().startsWith("io.swagger")) {
        continue;
      }
      for (Method m : resource.getClass().getDeclaredMethods()) {
        String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
            : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
        if (verb != null) {
          Path sub = m.getAnnotation(Path.class);
          served.add(verb + " /" + root.value() + (sub == null ? "" : "/" + sub.value()));
        }
      }
    }
    served.add("POST /realtime-session"); // MintServlet, described by the MintEndpoint interface
    served.add("POST /realtime-calls"); // CallServlet, described by CallsEndpoint
    served.add("GET /realtime-calls");
    assertThat(served).contains("PUT /realtime-settings", "GET /health");
    assertThat(documented).containsAll(served);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
