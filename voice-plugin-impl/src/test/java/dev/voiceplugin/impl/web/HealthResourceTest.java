package dev.voiceplugin.impl.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthResourceTest {

  @Test
  void reportsReachableDatabaseAndSchemaVersion() {
    try (TestServer server = TestServer.start(PostgresFixture.newDatabase().pluginSettings())) {
      ApiClient.Reply reply = new ApiClient(server.baseUri()).get("/api/v1/health");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().at("/status").asText()).isEqualTo("UP");
      assertThat(reply.json().at("/database/reachable").asBoolean()).isTrue();
      assertThat(reply.json().at("/database/schemaVersion").asText()).matches("\\d+");
      assertThat(reply.header("X-Request-Id")).isNotBlank();
    }
  }

  @Test
  void unknownPathsAndMethodsAreProblems() {
    try (TestServer server = TestServer.start(PostgresFixture.newDatabase().pluginSettings())) {
      ApiClient api = new ApiClient(server.baseUri());
      ApiClient.Reply missing = api.get("/api/v1/no-such-thing");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.contentType()).startsWith("application/problem+json");
      assertThat(missing.json().at("/code").asText()).isEqualTo("not_found");
      assertThat(missing.json().at("/hint").asText()).isNotBlank();

      ApiClient.Reply wrongMethod = api.delete("/api/v1/health", "X-Requested-With", "voice-plugin");
      assertThat(wrongMethod.status()).isEqualTo(405);
      assertThat(wrongMethod.json().at("/code").asText()).isEqualTo("method_not_allowed");
    }
  }

  @Test
  void missingDatabaseConfigurationAnswers503WithAClearReason() {
    try (TestServer server = TestServer.start(Map.of("VOICE_DB_JNDI", "java:comp/env/jdbc/nothing-bound-here"))) {
      ApiClient.Reply reply = new ApiClient(server.baseUri()).get("/api/v1/health");
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.json().at("/code").asText()).isEqualTo("plugin_misconfigured");
      assertThat(reply.json().at("/detail").asText()).contains("VOICE_DB_URL");
    }
  }

  @Test
  void aBadSettingIsNamedAndLeavesNoPoolOrThreadsBehind() {
    java.util.Map<String, String> settings = new java.util.HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_MINT_LIMIT_PER_USER", "ten per minute");
    long before = pluginThreads();
    try (TestServer server = TestServer.start(settings)) {
      ApiClient.Reply reply = new ApiClient(server.baseUri()).get("/api/v1/health");
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.json().at("/code").asText()).isEqualTo("plugin_misconfigured");
      assertThat(reply.json().at("/detail").asText()).contains("VOICE_MINT_LIMIT_PER_USER");
      assertThat(pluginThreads()).as("no retry, listener or audit threads were started").isLessThanOrEqualTo(before);
    }
  }

  private static long pluginThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("voice-plugin-")).count();
  }
}
