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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pushToTalk and transcripts (#13): defaults, validation as problem+json field errors, history, and settings stored before them. */
class TranscriptAndPushToTalkSettingsTest {
  static PostgresFixture.TestDatabase db;
  static TestServer server;
  static ApiClient api;

  @BeforeAll
  static void start() {
    db = PostgresFixture.newDatabase();
    Map<String, String> settings = new HashMap<>(db.pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    server = TestServer.start(settings);
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aNewTenantHasPushToTalkOffAndNoStorage() {
    JsonNode s = api.get("/api/v1/realtime-settings", admin("fresh", "ann")).json().at("/settings");
    assertThat(s.at("/pushToTalk").asText()).isEqualTo("off");
    assertThat(s.at("/transcripts/store").asBoolean()).isFalse();
    assertThat(s.at("/transcripts/retentionDays").asInt()).isEqualTo(30);
  }

  @Test
  void savedValuesComeBackAndTheHistoryNamesTheChangedFields() {
    ObjectNode s = SettingsJson.defaults().put("pushToTalk", "offered");
    s.putObject("transcripts").put("store", true).put("retentionDays", 90);
    ApiClient.Reply saved = put("saver", s, "\"0\"");
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().at("/settings/pushToTalk").asText()).isEqualTo("offered");
    assertThat(saved.json().at("/settings/transcripts/retentionDays").asInt()).isEqualTo(90);
    JsonNode history = api.get("/api/v1/realtime-settings/history", admin("saver", "ann")).json();
    assertThat(history.at("/items/0/changedFields").toString())
        .contains("pushToTalk", "transcripts.store", "transcripts.retentionDays");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3651, -1})
  void aRetentionOutsideOneToTenYearsIsAFieldError(int days) {
    ObjectNode s = SettingsJson.defaults();
    s.putObject("transcripts").put("store", true).put("retentionDays", days);
    ApiClient.Reply reply = put("retention", s, "\"0\"");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().at("/code").asText()).isEqualTo("validation_failed");
    assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("settings.transcripts.retentionDays");
    assertThat(reply.json().at("/errors/0/code").asText()).isEqualTo("out_of_range");
    assertThat(reply.json().at("/hint").asText()).isNotBlank();
  }

  @Test
  void anUnknownPushToTalkModeIsRefused() {
    ApiClient.Reply reply = put("ptt", SettingsJson.defaults().put("pushToTalk", "always"), "\"0\"");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.body()).contains("settings.pushToTalk");
  }

  @Test
  void gptLiveRefusesPushToTalkAndStorageByName() {
    ObjectNode s = live().put("pushToTalk", "on");
    s.putObject("transcripts").put("store", true).put("retentionDays", 30);
    ApiClient.Reply reply = put("live", s, "\"0\"");
    assertThat(reply.status()).isEqualTo(400);
    JsonNode errors = reply.json().at("/errors");
    assertThat(errors.findValuesAsText("field")).containsExactly("settings.pushToTalk", "settings.transcripts.store");
    assertThat(errors.findValuesAsText("code")).containsOnly("not_supported_by_provider");
    assertThat(errors.get(0).at("/message").asText()).contains("must be off", "openai-live");

    ApiClient.Reply ok = put("live", live().put("pushToTalk", "off"), "\"0\"");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void settingsStoredBeforeTheseFieldsReadAsTheirDefaults() throws Exception {
    ObjectNode old = SettingsJson.defaults();
    old.remove(List.of("pushToTalk", "transcripts"));
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("insert into voice_tenant_settings"
        + " (tenant_id, version, settings, updated_at, updated_by) values ('legacy', 3, ?::jsonb, now(), 'old-admin')")) {
      ps.setString(1, old.toString());
      ps.executeUpdate();
    }
    JsonNode s = api.get("/api/v1/realtime-settings", admin("legacy", "ann")).json();
    assertThat(s.at("/version").asLong()).isEqualTo(3);
    assertThat(s.at("/settings/pushToTalk").asText()).isEqualTo("off");
    assertThat(s.at("/settings/transcripts/store").asBoolean()).isFalse();
    assertThat(s.at("/settings/transcripts/retentionDays").asInt()).isEqualTo(30);
    // A partial transcripts object takes the missing field's default.
    RealtimeSettings partial = Json.mapper().treeToValue(SettingsJson.defaults().set("transcripts",
        Json.mapper().createObjectNode().put("store", true)), RealtimeSettings.class);
    assertThat(partial.transcripts()).isEqualTo(new TranscriptSettings(true, 30));
  }

  private static ObjectNode live() {
    ObjectNode s = SettingsJson.defaults();
    s.put("provider", "openai-live").put("model", "gpt-live-1.1").put("voice", "marin").put("relay", "off");
    for (String field : List.of("outputModalities", "turnDetection", "transcription", "noiseReduction", "speed", "maxOutputTokens",
        "clientSecretTtlSeconds")) {
      s.putNull(field);
    }
    ObjectNode live = s.putObject("live");
    live.putObject("delegation").put("type", "off");
    live.putArray("browserEvents").add("session.input_audio.mute");
    return s;
  }

  private static ApiClient.Reply put(String tenant, ObjectNode settings, String ifMatch) {
    String[] headers = java.util.Arrays.copyOf(admin(tenant, "ann"), 10);
    headers[8] = "If-Match";
    headers[9] = ifMatch;
    return api.put("/api/v1/realtime-settings", SettingsJson.body(settings), headers);
  }
}
