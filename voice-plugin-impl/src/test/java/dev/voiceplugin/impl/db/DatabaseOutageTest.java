package dev.voiceplugin.impl.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stops and restarts a PostgreSQL server of its own under a running plugin. */
class DatabaseOutageTest {

  @Test
  void healthSays503WhileTheDatabaseIsDownAndRecoversWithoutRestart() throws Exception {
    Path dataDir = Files.createTempDirectory("voice-outage");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedPostgres pg = start(dataDir, port, true);
    Map<String, String> settings = Map.of(
        "VOICE_DB_URL", pg.getJdbcUrl("postgres", "postgres"), "VOICE_DB_USER", "postgres",
        "VOICE_DB_PASSWORD", "postgres", "VOICE_DB_JNDI", "", "VOICE_DB_RETRY_SECONDS", "1",
        "VOICE_DB_CONNECT_TIMEOUT_MS", "1000");
    try (TestServer server = TestServer.start(settings)) {
      ApiClient api = new ApiClient(server.baseUri());
      assertThat(api.get("/api/v1/health").status()).isEqualTo(200);

      pg.close();
      ApiClient.Reply down = api.get("/api/v1/health");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().at("/code").asText()).isEqualTo("database_unavailable");
      assertThat(down.json().at("/database/reachable").asBoolean()).isFalse();
      assertThat(down.json().at("/detail").asText()).startsWith("The database is not available: ").hasSizeGreaterThan(40);
      assertThat(down.body()).doesNotContain("at org.").doesNotContain("Exception");

      pg = start(dataDir, port, false);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      int status = 0;
      while (Instant.now().isBefore(deadline) && (status = api.get("/api/v1/health").status()) != 200) {
        Thread.sleep(200);
      }
      assertThat(status).as("health after the database came back").isEqualTo(200);
    } finally {
      pg.close();
    }
  }

  private static EmbeddedPostgres start(Path dataDir, int port, boolean clean) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(clean).setPort(port).start();
  }
}
