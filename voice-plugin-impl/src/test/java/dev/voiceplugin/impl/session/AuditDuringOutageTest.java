package dev.voiceplugin.impl.session;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Attempts refused while PostgreSQL is down are audited once it is back: a PostgreSQL of its own is stopped and started. */
class AuditDuringOutageTest {
  @RegisterExtension
  static WireMockExtension openai = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  @Test
  void everyAttemptDuringAnOutageIsWrittenWhenTheDatabaseReturns() throws Exception {
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets"))
        .willReturn(okJson("{\"value\":\"ek_1\",\"expires_at\":1767225600,\"session\":{\"type\":\"realtime\"}}")));
    Path dataDir = Files.createTempDirectory("voice-audit-outage");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // Not "clean": zonky deletes a clean data directory when the server closes, and the restart must
    // find the same cluster. A new empty directory is initialised all the same.
    EmbeddedPostgres pg = start(dataDir, port, false);
    Map<String, String> settings = new HashMap<>(Map.of(
        "VOICE_DB_URL", pg.getJdbcUrl("postgres", "postgres"), "VOICE_DB_USER", "postgres",
        "VOICE_DB_PASSWORD", "postgres", "VOICE_DB_JNDI", "", "VOICE_DB_RETRY_SECONDS", "1",
        "VOICE_DB_CONNECT_TIMEOUT_MS", "500", "VOICE_TENANCY", HeaderTenancy.NAME,
        "OPENAI_API_KEY", "sk-platform-0123456789", "OPENAI_BASE_URL", "http://127.0.0.1:" + openai.getPort()));
    settings.put("VOICE_MINT_LIMIT_PER_USER", "1000/1m");
    settings.put("VOICE_MINT_LIMIT_PER_TENANT", "1000/1m");
    try (TestServer server = TestServer.start(settings)) {
      ApiClient api = new ApiClient(server.baseUri());
      assertThat(api.post("/api/v1/realtime-session", null, admin("a", "ann")).status()).isEqualTo(200);
      assertThat(api.post("/api/v1/realtime-session", null, admin("b", "bob")).status()).isEqualTo(200);

      pg.close();
      int attemptsWhileDown = 0;
      for (int i = 0; i < 30; i++) {
        // "a" has cached settings (leases may still cover some mints); "c" was never seen, so it fails at once.
        api.post("/api/v1/realtime-session", null, admin(i % 2 == 0 ? "a" : "c", "ann"));
        attemptsWhileDown++;
      }
      assertThat(server.plugin().database().status().up()).isFalse();

      pg = start(dataDir, port, false);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (Instant.now().isBefore(deadline) && api.get("/api/v1/health").status() != 200) {
        Thread.sleep(200);
      }
      long a = total(api, "a", deadline);
      long c = total(api, "c", deadline);
      assertThat(a + c).as("attempts audited for tenants a and c").isEqualTo(1 + attemptsWhileDown);
      assertThat(c).isEqualTo(attemptsWhileDown / 2);
      JsonNode cItems = api.get("/api/v1/realtime-session/audit?size=200", admin("c", "carl")).json().at("/items");
      assertThat(cItems.get(0).at("/outcome").asText()).isEqualTo("database_unavailable");
      assertThat(cItems.get(0).at("/provider").isNull()).isTrue();
      assertThat(total(api, "b", deadline)).isEqualTo(1);
      assertThat(server.plugin().metrics().scrape()).doesNotContain("voice_audit_dropped_total 1");
    } finally {
      pg.close();
      org.apache.commons.io.FileUtils.deleteQuietly(dataDir.toFile());
    }
  }

  /** The audit total of {@code tenant}, read once the audit answers (the writer retries each second). */
  private static long total(ApiClient api, String tenant, Instant deadline) throws InterruptedException {
    ApiClient.Reply reply = api.get("/api/v1/realtime-session/audit?size=1", admin(tenant, "reader"));
    while (reply.status() != 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      reply = api.get("/api/v1/realtime-session/audit?size=1", admin(tenant, "reader"));
    }
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().at("/total").asLong();
  }

  private static EmbeddedPostgres start(Path dataDir, int port, boolean clean) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(clean).setPort(port).start();
  }
}
