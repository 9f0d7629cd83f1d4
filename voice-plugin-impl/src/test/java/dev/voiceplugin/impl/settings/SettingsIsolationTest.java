package dev.voiceplugin.impl.settings;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static dev.voiceplugin.impl.testing.HeaderTenancy.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** For every settings endpoint: tenant A's admin, a non-admin and a caller without tenant never reach tenant B. */
class SettingsIsolationTest {
  static TestServer server;
  static ApiClient api;
  static String bSnapshot;

  /** One endpoint call. */
  record Call(String method, String path, boolean withBody) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Call> endpoints() {
    return List.of(new Call("GET", "/api/v1/realtime-settings", false),
        new Call("PUT", "/api/v1/realtime-settings", true),
        new Call("GET", "/api/v1/realtime-settings/history", false),
        new Call("POST", "/api/v1/realtime-settings/history/1/restore", false),
        new Call("DELETE", "/api/v1/realtime-settings/api-key", false));
  }

  @BeforeAll
  static void seedTenantB() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    server = TestServer.start(settings);
    api = new ApiClient(server.baseUri());
    ObjectNode body = SettingsJson.body(SettingsJson.defaults().put("voice", "verse").put("instructions", "tenant B secret prompt"));
    body.put("apiKey", "sk-tenant-b-key-000000000000BBBB");
    assertThat(api.put("/api/v1/realtime-settings", body, SettingsApiTest.concat(admin("tenant-b", "bea"), "If-Match", "\"0\"")).status())
        .isEqualTo(200);
    bSnapshot = snapshotOfB();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void adminOfAnotherTenantOnlyEverTouchesTheirOwnTenant(Call call) {
    ApiClient.Reply reply = send(call, admin("tenant-a", "alice"));
    assertThat(reply.body()).doesNotContain("tenant B secret prompt").doesNotContain("BBBB").doesNotContain("tenant-b");
    assertThat(snapshotOfB()).isEqualTo(bSnapshot);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void nonAdminOfTheSameTenantIsForbidden(Call call) {
    ApiClient.Reply reply = send(call, member("tenant-b", "mallory"));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().at("/code").asText()).isEqualTo("not_tenant_admin");
    assertThat(reply.body()).doesNotContain("tenant B secret prompt");
    assertThat(snapshotOfB()).isEqualTo(bSnapshot);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void callerWithoutTenantIsForbiddenAndAnonymousIsUnauthorized(Call call) {
    ApiClient.Reply noTenant = send(call, new String[] {"X-Test-User", "drifter", "X-Test-Admin", "true", "X-Requested-With", "voice-plugin"});
    assertThat(noTenant.status()).isEqualTo(403);
    assertThat(noTenant.json().at("/code").asText()).isEqualTo("no_tenant");
    ApiClient.Reply anonymous = send(call, new String[] {"X-Test-Tenant", "tenant-b", "X-Test-Admin", "true", "X-Requested-With", "voice-plugin"});
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().at("/code").asText()).isEqualTo("not_signed_in");
    assertThat(snapshotOfB()).isEqualTo(bSnapshot);
  }

  private static ApiClient.Reply send(Call call, String[] identity) {
    String[] headers = SettingsApiTest.concat(identity, "If-Match", "\"1\"");
    Object body = call.withBody() ? SettingsJson.body(SettingsJson.defaults().put("voice", "ash")) : null;
    return api.send(call.method(), call.path(), body, headers);
  }

  private static String snapshotOfB() {
    return api.get("/api/v1/realtime-settings", admin("tenant-b", "bea")).body()
        + api.get("/api/v1/realtime-settings/history", admin("tenant-b", "bea")).body();
  }
}
