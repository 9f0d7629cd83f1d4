package dev.voiceplugin.impl.settings;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.web.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON escapes that decode to text PostgreSQL cannot hold ({@code \u0000}, a lone surrogate
 * {@code \ud800}) are 400s naming the field, never a 500 or a silently changed value. The bodies are
 * sent as raw text, so the escapes reach the server exactly as a client wrote them.
 */
class SettingsTextApiTest {
  private static final String NUL = "\\u0000";
  private static final String LONE_SURROGATE = "\\ud800";
  static TestServer server;
  static ApiClient api;
  static int tenants;

  @BeforeAll
  static void start() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    server = TestServer.start(settings);
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {NUL, LONE_SURROGATE})
  void badCharactersInEveryFreeTextFieldAreNamedValidationErrors(String escape) throws Exception {
    ObjectNode s = SettingsJson.defaults();
    s.put("instructions", "marker");
    s.putObject("transcription").put("model", "whisper-1").put("prompt", "marker");
    ObjectNode ice = s.putArray("iceServers").addObject();
    ice.putArray("urls").add("turn:marker.example.org");
    ice.put("username", "marker").put("credential", "marker");
    String body = Json.mapper().writeValueAsString(SettingsJson.body(s)).replace("marker", "a" + escape + "b");

    String tenant = "text-" + (tenants++);
    ApiClient.Reply reply = api.put("/api/v1/realtime-settings", body, headers(tenant));

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().at("/code").asText()).isEqualTo("validation_failed");
    assertThat(errors(reply.json(), "invalid_character")).containsExactlyInAnyOrder("settings.instructions",
        "settings.transcription.prompt", "settings.iceServers[0].urls[0]", "settings.iceServers[0].username",
        "settings.iceServers[0].credential");
    assertThat(api.get("/api/v1/realtime-settings", admin(tenant, "ann")).json().at("/version").asLong()).isZero();
  }

  /** Every string of a valid body, key or value, in turn starts with the escape: never a 5xx. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {NUL, LONE_SURROGATE})
  void noStringAnywhereInTheBodyCanCauseAServerError(String escape) throws Exception {
    ObjectNode settings = SettingsJson.defaults();
    settings.putArray("iceServers").addObject().put("username", "u").put("credential", "c")
        .putArray("urls").add("turn:turn.example.org:3478");
    ObjectNode body = SettingsJson.body(settings);
    body.put("apiKey", "sk-test-0123456789abcdWXYZ");
    String valid = Json.mapper().writeValueAsString(body);
    List<String> variants = new ArrayList<>();
    Matcher string = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"").matcher(valid);
    while (string.find()) {
      variants.add(valid.substring(0, string.start() + 1) + escape + valid.substring(string.start() + 1));
    }
    assertThat(variants).hasSizeGreaterThan(30);

    for (String variant : variants) {
      ApiClient.Reply reply = api.put("/api/v1/realtime-settings", variant, headers("any-" + (tenants++)));
      assertThat(reply.status()).as(variant + " -> " + reply.body()).isBetween(200, 499);
      if (reply.status() >= 400) {
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().at("/code").asText()).as(reply.body()).isNotBlank();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/v1/realtime-settings/history/%00/restore", "/api/v1/realtime-settings/history?page=%00",
      "/api/v1/realtime-settings/history/%ED%A0%80/restore"})
  void badCharactersInPathsAndQueriesAreNoServerErrors(String path) {
    ApiClient.Reply reply = path.contains("restore")
        ? api.post(path, null, admin("paths", "ann")) : api.get(path, admin("paths", "ann"));
    assertThat(reply.status()).as(reply.body()).isBetween(200, 499);
  }

  private static String[] headers(String tenant) {
    return SettingsApiTest.concat(admin(tenant, "ann"), "If-Match", "\"0\"");
  }

  private static List<String> errors(JsonNode problem, String code) {
    List<String> fields = new ArrayList<>();
    problem.at("/errors").forEach(e -> {
      if (code.equals(e.at("/code").asText())) {
        fields.add(e.at("/field").asText());
      }
    });
    return fields;
  }
}
