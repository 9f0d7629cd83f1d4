package dev.voiceplugin.impl.settings;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.crypto.ApiKeyUnreadableException;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyEncryptionTest {
  private static final String KEY = "sk-proj-RealLookingKey-1234567890abcdefQRST";
  private final PostgresFixture.TestDatabase db = PostgresFixture.newDatabase();

  @Test
  void theKeyIsNeverStoredInPlaintextAndDecryptsOnlyWithTheRightMasterKey() throws Exception {
    String masterKey = TestKeys.masterKey();
    try (TestServer server = TestServer.start(settings(Map.of("VOICE_MASTER_KEY", masterKey)))) {
      assertThat(saveKey(server, "acme").status()).isEqualTo(200);
      TenantId acme = new TenantId("acme");
      assertThat(server.plugin().settings().apiKey(acme, server.plugin().settings().current(acme))).contains(KEY);
    }
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        "select t::text, api_key_ciphertext, api_key_key_id from voice_tenant_settings t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).doesNotContain(KEY).doesNotContain("RealLookingKey");
      byte[] raw = rs.getBytes(2);
      assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("RealLookingKey");
      assertThat(raw.length).isEqualTo(12 + KEY.length() + 16); // nonce + ciphertext + GCM tag
      assertThat(rs.getString(3)).isEqualTo("k1");
    }
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        "select string_agg(h::text, '') from voice_tenant_settings_history h")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain("RealLookingKey");
    }
    try (TestServer wrongKey = TestServer.start(settings(Map.of("VOICE_MASTER_KEY", TestKeys.masterKey())))) {
      TenantId acme = new TenantId("acme");
      var settings = wrongKey.plugin().settings();
      assertThatThrownBy(() -> settings.apiKey(acme, settings.current(acme)))
          .isInstanceOf(ApiKeyUnreadableException.class)
          .hasMessageContaining("'k1'")
          .hasMessageContaining("does not match")
          .hasMessageNotContaining("RealLookingKey");
    }
    try (TestServer rotated = TestServer.start(settings(Map.of("VOICE_MASTER_KEY", TestKeys.masterKey(),
        "VOICE_MASTER_KEY_ID", "k2", "VOICE_MASTER_KEYS_PREVIOUS", "k1:" + masterKey)))) {
      TenantId acme = new TenantId("acme");
      assertThat(rotated.plugin().settings().apiKey(acme, rotated.plugin().settings().current(acme))).contains(KEY);
    }
  }

  @Test
  void aCiphertextCopiedToAnotherTenantDoesNotDecrypt() throws Exception {
    try (TestServer server = TestServer.start(settings(Map.of("VOICE_MASTER_KEY", TestKeys.masterKey())))) {
      saveKey(server, "acme");
      saveKey(server, "globex");
      try (Connection c = db.connect()) {
        c.createStatement().executeUpdate("update voice_tenant_settings g set api_key_ciphertext = "
            + "(select api_key_ciphertext from voice_tenant_settings where tenant_id = 'acme') where g.tenant_id = 'globex'");
      }
      Thread.sleep(600); // the trigger's notification drops the cached copy
      TenantId globex = new TenantId("globex");
      var settings = server.plugin().settings();
      assertThatThrownBy(() -> settings.apiKey(globex, settings.current(globex))).isInstanceOf(ApiKeyUnreadableException.class);
    }
  }

  @Test
  void withoutAMasterKeyTheKeyIsRefusedClearlyAndNothingIsSaved() {
    try (TestServer server = TestServer.start(settings(Map.of()))) {
      ApiClient.Reply reply = saveKey(server, "acme");
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.json().at("/code").asText()).isEqualTo("api_key_storage_unavailable");
      assertThat(reply.json().at("/hint").asText()).contains("platform team").doesNotContain("VOICE_");
      assertThat(reply.body()).doesNotContain("RealLookingKey");
      ApiClient api = new ApiClient(server.baseUri());
      assertThat(api.get("/api/v1/realtime-settings", admin("acme", "ann")).json().at("/version").asLong()).isZero();
    }
  }

  private Map<String, String> settings(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(db.pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.putAll(extra);
    return settings;
  }

  private static ApiClient.Reply saveKey(TestServer server, String tenant) {
    ApiClient api = new ApiClient(server.baseUri());
    String etag = api.get("/api/v1/realtime-settings", admin(tenant, "ann")).header("ETag");
    ObjectNode body = SettingsJson.body(SettingsJson.defaults());
    body.put("apiKey", KEY);
    return api.put("/api/v1/realtime-settings", body, SettingsApiTest.concat(admin(tenant, "ann"), "If-Match", etag));
  }
}
