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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SettingsApiTest {
  static TestServer server;
  static ApiClient api;

  @BeforeAll
  static void start() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    settings.put("VOICE_INSTRUCTIONS_MAX_CHARS", "100");
    server = TestServer.start(settings);
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void tenantWithoutSettingsGetsPlatformDefaultsAtVersionZero() {
    ApiClient.Reply reply = api.get("/api/v1/realtime-settings", admin("fresh", "ann"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"0\"");
    assertThat(reply.json().at("/version").asLong()).isZero();
    assertThat(reply.json().at("/settings/model").asText()).isEqualTo("gpt-realtime");
    assertThat(reply.json().at("/settings/maxOutputTokens").asText()).isEqualTo("inf");
    assertThat(reply.json().at("/limits/instructionsMaxChars").asInt()).isEqualTo(100);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void putRequiresIfMatchAndRejectsStaleVersions() {
    ObjectNode s = SettingsJson.defaults().put("voice", "cedar");
    ApiClient.Reply noIfMatch = api.put("/api/v1/realtime-settings", SettingsJson.body(s), admin("etag", "ann"));
    assertThat(noIfMatch.status()).isEqualTo(428);
    assertThat(noIfMatch.json().at("/code").asText()).isEqualTo("precondition_required");

    ApiClient.Reply saved = put("etag", s, "\"0\"");
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.header("ETag")).isEqualTo("\"1\"");
    assertThat(saved.json().at("/settings/voice").asText()).isEqualTo("cedar");
    assertThat(saved.json().at("/updatedBy").asText()).isEqualTo("ann");
    assertThat(saved.json().at("/updatedAt").asText()).as("ISO-8601 instant").matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

    ApiClient.Reply stale = put("etag", s.put("voice", "ash"), "\"0\"");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().at("/code").asText()).isEqualTo("settings_conflict");
    assertThat(api.get("/api/v1/realtime-settings", admin("etag", "ann")).json().at("/settings/voice").asText()).isEqualTo("cedar");
  }

  @Test
  void everyInvalidFieldIsReportedAtOnceAndNothingIsSaved() {
    ObjectNode s = SettingsJson.defaults();
    s.put("speed", 3.0).put("clientSecretTtlSeconds", 5).put("voice", "robot").put("instructions", "x".repeat(101));
    ((ObjectNode) s.get("turnDetection")).put("threshold", 1.5);
    s.putArray("outputModalities").add("audio").add("text");
    ApiClient.Reply reply = put("invalid", s, "\"0\"");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().at("/code").asText()).isEqualTo("validation_failed");
    assertThat(reply.body()).doesNotContain("${").contains("must be less than or equal to 1");
    assertThat(fields(reply.json())).contains("settings.speed", "settings.clientSecretTtlSeconds", "settings.voice",
        "settings.instructions", "settings.turnDetection.threshold", "settings.outputModalities");
    assertThat(api.get("/api/v1/realtime-settings", admin("invalid", "ann")).json().at("/version").asLong()).isZero();
  }

  @Test
  void unknownFieldsAndMalformedJsonAreRejected() {
    ObjectNode s = SettingsJson.defaults().put("temperature", 0.8);
    ApiClient.Reply unknown = put("unknown", s, "\"0\"");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("settings.temperature");
    assertThat(unknown.json().at("/errors/0/code").asText()).isEqualTo("unknown_field");

    ApiClient.Reply malformed = api.put("/api/v1/realtime-settings", "{\"settings\":", concat(admin("unknown", "ann"), "If-Match", "\"0\""));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().at("/code").asText()).isEqualTo("malformed_json");
  }

  @Test
  void historyRecordsEveryChangeAndRestoreMakesANewVersion() {
    put("hist", SettingsJson.defaults().put("voice", "ash"), "\"0\"");
    put("hist", SettingsJson.defaults().put("voice", "coral").put("speed", 1.2), "\"1\"");
    JsonNode history = api.get("/api/v1/realtime-settings/history?page=0&size=10", admin("hist", "bob")).json();
    assertThat(history.at("/total").asLong()).isEqualTo(2);
    assertThat(history.at("/items/0/version").asLong()).isEqualTo(2);
    assertThat(history.at("/items/0/changedFields").toString()).contains("voice", "speed");

    ApiClient.Reply restored = api.post("/api/v1/realtime-settings/history/1/restore", null, admin("hist", "bob"));
    assertThat(restored.status()).isEqualTo(200);
    assertThat(restored.json().at("/version").asLong()).isEqualTo(3);
    assertThat(restored.json().at("/settings/voice").asText()).isEqualTo("ash");
    JsonNode after = api.get("/api/v1/realtime-settings/history", admin("hist", "bob")).json();
    assertThat(after.at("/items/0/action").asText()).isEqualTo("restore");
    assertThat(after.at("/items/0/restoredFrom").asLong()).isEqualTo(1);

    assertThat(api.post("/api/v1/realtime-settings/history/99/restore", null, admin("hist", "bob")).json().at("/code").asText())
        .isEqualTo("version_not_found");
  }

  @Test
  void apiKeyIsWriteOnlyAndCanBeRemoved() {
    ObjectNode body = SettingsJson.body(SettingsJson.defaults());
    body.put("apiKey", "sk-test-0123456789abcdWXYZ");
    ApiClient.Reply saved = api.put("/api/v1/realtime-settings", body, concat(admin("keys", "ann"), "If-Match", "\"0\""));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.body()).doesNotContain("sk-test-0123456789abcd");
    assertThat(saved.json().at("/apiKeyConfigured").asBoolean()).isTrue();
    assertThat(saved.json().at("/apiKeyLast4").asText()).isEqualTo("WXYZ");
    ApiClient.Reply history = api.get("/api/v1/realtime-settings/history", admin("keys", "ann"));
    assertThat(history.body()).doesNotContain("sk-test").contains("apiKey");

    ApiClient.Reply removed = api.delete("/api/v1/realtime-settings/api-key", admin("keys", "ann"));
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().at("/apiKeyConfigured").asBoolean()).isFalse();
    assertThat(removed.json().at("/version").asLong()).isEqualTo(2);
  }

  private static ApiClient.Reply put(String tenant, ObjectNode settings, String ifMatch) {
    return api.put("/api/v1/realtime-settings", SettingsJson.body(settings), concat(admin(tenant, "ann"), "If-Match", ifMatch));
  }

  static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static java.util.List<String> fields(JsonNode problem) {
    java.util.List<String> fields = new java.util.ArrayList<>();
    problem.at("/errors").forEach(e -> fields.add(e.at("/field").asText()));
    return fields;
  }
}
