package dev.voiceplugin.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.PostgresFixture;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every container must do with the unchanged WAR: health, migrations, a database round trip, the admin page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeploymentContract {
  protected final PostgresFixture.TestDatabase database = PostgresFixture.newDatabase();
  /** The provider the relay check talks to (OPENAI_BASE_URL and the platform key point here). */
  protected final dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider fake =
      dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider.start();

  @org.junit.jupiter.api.AfterAll
  void stopFake() {
    fake.close();
  }

  /** The platform key and base URL of {@link #fake}. */
  Map<String, String> providerSettings() {
    return Map.of("OPENAI_API_KEY", dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider.OPENAI_KEY,
        "OPENAI_BASE_URL", fake.baseUrl());
  }

  /** The deployed application's root, ending in "/". */
  abstract URI base();

  /** Settings for the plugin beside the database: demo sign-in so the test can act as an admin. */
  static Map<String, String> demoSettings() {
    return Map.of("VOICE_TENANCY", "demo", "VOICE_DEMO_MODE", "true");
  }

  @Test
  void healthReportsTheDatabaseAndTheLatestSchemaVersion() throws IOException {
    ApiClient.Reply health = new ApiClient(base()).get("api/v1/health");
    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.json().at("/database/schemaVersion").asText()).isEqualTo(latestMigrationVersion());
  }

  @Test
  void migrationsLiveInThePluginsOwnSchemaAndHistoryTable() throws Exception {
    try (Connection c = database.server().connect(); ResultSet rs = c.createStatement().executeQuery(
        "select count(*) from " + database.schema() + ".voice_plugin_schema_history where success and version is not null")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(migrationCount());
    }
    try (Connection c = database.server().connect(); ResultSet rs = c.createStatement().executeQuery(
        "select count(*) from information_schema.tables where table_schema = 'public' and table_name like 'voice%'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("nothing of the plugin lands in the host's public schema").isZero();
    }
  }

  @Test
  void settingsMakeARoundTripThroughTheDeployedAppAndTheDatabase() throws Exception {
    ApiClient admin = new ApiClient(base());
    ApiClient.Reply signIn = admin.post("api/v1/demo/sign-in", Map.of("tenant", "deploy-check", "user", "ops", "admin", true),
        "X-Requested-With", "voice-plugin");
    assertThat(signIn.status()).as(signIn.body()).isEqualTo(204);
    ApiClient.Reply current = admin.get("api/v1/realtime-settings");
    assertThat(current.status()).as(current + " after sign-in with " + signIn.headers().get("set-cookie")).isEqualTo(200);
    ObjectNode settings = (ObjectNode) current.json().get("settings");
    settings.put("voice", "cedar").put("instructions", "Deployed on " + getClass().getSimpleName());
    ObjectNode body = settings.objectNode();
    body.set("settings", settings);
    ApiClient.Reply saved = admin.put("api/v1/realtime-settings", body, "If-Match", current.header("ETag"),
        "X-Requested-With", "voice-plugin");
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(admin.get("api/v1/realtime-settings").json().at("/settings/voice").asText()).isEqualTo("cedar");
    try (Connection c = database.server().connect(); ResultSet rs = c.createStatement().executeQuery(
        "select settings->>'instructions' from " + database.schema() + ".voice_tenant_settings where tenant_id = 'deploy-check'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("Deployed on " + getClass().getSimpleName());
    }
  }

  @Test
  void aMintThroughTheDeployedAppReturnsTheProvidersSecretAndAProblemWhenItFails() throws Exception {
    // The mint's provider client (Jetty's, bundled in the WAR) must run in this container's webapp class loader.
    ApiClient admin = signedInAdmin("mint-check");

    ApiClient.Reply minted = admin.post("api/v1/realtime-session", Map.of(), "X-Requested-With", "voice-plugin");
    assertThat(minted.status()).as(minted.body()).isEqualTo(200);
    assertThat(fake.mintedSecrets()).contains(minted.json().path("clientSecret").asText());
    assertThat(minted.header("Cache-Control")).isEqualTo("no-store");

    fake.failNextMint(401, dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider.error("invalid_request_error",
        "invalid_api_key", "Incorrect API key provided."));
    ApiClient.Reply refused = admin.post("api/v1/realtime-session", Map.of(), "X-Requested-With", "voice-plugin");
    assertThat(refused.status()).as(refused.body()).isEqualTo(502);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().path("code").asText()).isEqualTo("provider_key_rejected");
  }

  @Test
  void theRelayCarriesASessionThroughTheContainersWebSocketWithTheSameMessageLimit() throws Exception {
    ApiClient admin = signedInAdmin("relay-check");
    RelayRoundTrip.check(base(), admin, fake);
  }

  /** A client signed in (demo cookie) as the administrator "ops" of {@code tenant}. */
  private ApiClient signedInAdmin(String tenant) {
    ApiClient admin = new ApiClient(base());
    ApiClient.Reply signIn = admin.post("api/v1/demo/sign-in", Map.of("tenant", tenant, "user", "ops", "admin", true),
        "X-Requested-With", "voice-plugin");
    assertThat(signIn.status()).as(signIn.body()).isEqualTo(204);
    return admin;
  }

  @Test
  void adminPageAndElementsAreServedFromTheAdminUiJar() {
    ApiClient browser = new ApiClient(base());
    ApiClient.Reply page = browser.get("voice-plugin/admin.html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<voice-settings", "<voice-session");
    ApiClient.Reply script = browser.get("voice-plugin/elements/api.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).contains("javascript");
    assertThat(browser.get("").status()).isEqualTo(200);
  }

  private static String latestMigrationVersion() throws IOException {
    try (Stream<Path> files = Files.list(migrations())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .map(n -> n.substring(1, n.indexOf("__"))).max(java.util.Comparator.comparingInt(Integer::parseInt)).orElseThrow();
    }
  }

  private static int migrationCount() throws IOException {
    try (Stream<Path> files = Files.list(migrations())) {
      return (int) files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    }
  }

  private static Path migrations() {
    return Path.of(System.getProperty("voice.migrations"));
  }
}
