package dev.voiceplugin.impl.security;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over real HTTP: API answers are never cached (history carries TURN credentials, the audit who
 * minted when, /me who is signed in), and every 401, whichever tenancy produced it, carries the
 * WWW-Authenticate challenge RFC 9110 requires.
 */
class ResponseHeadersTest {
  static final Map<String, TestServer> servers = new HashMap<>();

  @BeforeAll
  static void start() {
    servers.put(HeaderTenancy.NAME, server(Map.of("VOICE_TENANCY", HeaderTenancy.NAME)));
    servers.put("demo", server(Map.of("VOICE_TENANCY", "demo", "VOICE_DEMO_MODE", "true")));
    servers.put("container", server(Map.of("VOICE_TENANCY", "container")));
    servers.put("jwt", server(Map.of("VOICE_TENANCY", "jwt", "VOICE_JWT_SECRET", "test-only-hs256-secret-of-more-than-32-bytes",
        "VOICE_JWT_ISSUER", "https://platform.example", "VOICE_JWT_AUDIENCE", "voice-plugin")));
  }

  @AfterAll
  static void stop() {
    servers.values().forEach(TestServer::close);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/v1/me", "/api/v1/realtime-settings/history", "/api/v1/realtime-session/audit",
      "/api/v1/realtime-settings", "/api/v1/health", "/api/v1/openapi.json", "/api/v1/no-such-thing"})
  void apiAnswersAreNotStoredByCaches(String path) {
    ApiClient.Reply reply = api(HeaderTenancy.NAME).get(path, admin("cache", "ann"));
    assertThat(reply.status()).as(reply.body()).isLessThan(500);
    assertThat(reply.header("Cache-Control")).as(path).isEqualTo("no-store");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {HeaderTenancy.NAME, "demo", "container", "jwt"})
  void everyUnauthorizedAnswerHasAChallenge(String tenancy) {
    ApiClient.Reply reply = api(tenancy).get("/api/v1/me");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).as(tenancy).isNotBlank();
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void aRejectedTokenGetsTheInvalidTokenChallenge() {
    ApiClient.Reply reply = api("jwt").get("/api/v1/me", "Authorization", "Bearer not.a.token");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
  }

  @Test
  void withoutATokenTheChallengeNamesBearerButNoError() {
    assertThat(api("jwt").get("/api/v1/realtime-settings").header("WWW-Authenticate"))
        .startsWith("Bearer").doesNotContain("error=");
  }

  private static ApiClient api(String tenancy) {
    return new ApiClient(servers.get(tenancy).baseUri());
  }

  private static TestServer server(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    settings.putAll(extra);
    return TestServer.start(settings);
  }
}
