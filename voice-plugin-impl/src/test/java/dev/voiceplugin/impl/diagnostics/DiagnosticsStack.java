package dev.voiceplugin.impl.diagnostics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The API on Jetty with a fresh schema and short provider timeouts, plus helpers for OpenAI's answers. */
final class DiagnosticsStack implements AutoCloseable {
  static final String PATH = "/api/v1/realtime-settings/diagnostics";
  static final String PLATFORM_KEY = "sk-platform-PLATFORMKEY0123456789";
  static final String TENANT_KEY = "sk-tenant-TENANTKEY0123456789abQz";
  static final String SECRET = "ek_68af296e8e408191a1120ab6383263c2";
  static final long EXPIRES_AT = 1_767_225_600L;

  private final TestServer server;
  private final ApiClient api;

  private DiagnosticsStack(TestServer server) {
    this.server = server;
    this.api = new ApiClient(server.baseUri());
  }

  /** WireMock on 127.0.0.1 (never "localhost", which may resolve to ::1). */
  static WireMockExtension upstream() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().asynchronousResponseEnabled(false))
        .build();
  }

  /** @param platformKey OPENAI_API_KEY, or null for a platform without one */
  static DiagnosticsStack start(String openAiBaseUrl, String platformKey) {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    settings.put("OPENAI_BASE_URL", openAiBaseUrl);
    if (platformKey != null) {
      settings.put("OPENAI_API_KEY", platformKey);
    }
    settings.put("VOICE_MINT_LIMIT_PER_USER", "2/1h");
    settings.put("VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "500");
    settings.put("VOICE_PROVIDER_READ_TIMEOUT_MS", "1000");
    return new DiagnosticsStack(TestServer.start(settings));
  }

  ApiClient api() {
    return api;
  }

  /** Saves the defaults changed by {@code overridesJson}, and the tenant's own key unless null. */
  void saveSettings(String tenant, String overridesJson, String apiKey) {
    try {
      ApiClient.Reply current = api.get("/api/v1/realtime-settings", admin(tenant, "setup"));
      ObjectNode settings = (ObjectNode) current.json().get("settings");
      settings.setAll((ObjectNode) Json.mapper().readTree(overridesJson));
      ObjectNode body = Json.mapper().createObjectNode();
      body.set("settings", settings);
      if (apiKey != null) {
        body.put("apiKey", apiKey);
      }
      List<String> headers = new ArrayList<>(Arrays.asList(admin(tenant, "setup")));
      headers.addAll(List.of("If-Match", current.header("ETag")));
      ApiClient.Reply saved = api.put("/api/v1/realtime-settings", body, headers.toArray(String[]::new));
      assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "id:outcome" of every step, in order. */
  static List<String> outcomes(JsonNode report) {
    List<String> outcomes = new ArrayList<>();
    report.get("steps").forEach(step -> outcomes.add(step.get("id").asText() + ":" + step.get("outcome").asText()));
    return outcomes;
  }

  static String modelBody(String model) {
    return "{\"id\":\"" + model + "\",\"object\":\"model\",\"created\":1756339200,\"owned_by\":\"system\"}";
  }

  static String mintBody() {
    return "{\"value\":\"" + SECRET + "\",\"expires_at\":" + EXPIRES_AT
        + ",\"session\":{\"type\":\"realtime\",\"object\":\"realtime.session\",\"id\":\"sess_1\"}}";
  }

  /** OpenAI's error envelope. */
  static ResponseDefinitionBuilder error(int status, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\""
            + code + "\"}}");
  }

  @Override
  public void close() {
    server.close();
  }
}
