package dev.voiceplugin.impl.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bad setting keeps the process alive (restarting it would not help): liveness stays 200, and
 * readiness and every other endpoint answer 503 plugin_misconfigured naming the setting.
 */
class MisconfiguredLivenessTest {
  @Test
  void liveIsUpWhileReadyAndTheApiReportTheBadSetting() {
    try (TestServer server = TestServer.start(Map.of("VOICE_MINT_LIMIT_PER_USER", "ten per minute"))) {
      ApiClient api = new ApiClient(server.baseUri());

      ApiClient.Reply live = api.get("/api/v1/health/live");
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.json().at("/status").asText()).isEqualTo("UP");
      assertThat(live.header("Cache-Control")).isEqualTo("no-store");

      for (String path : new String[] {"/api/v1/health/ready", "/api/v1/health", "/api/v1/me"}) {
        ApiClient.Reply reply = api.get(path);
        assertThat(reply.status()).as(path).isEqualTo(503);
        assertThat(reply.json().at("/code").asText()).isEqualTo("plugin_misconfigured");
        assertThat(reply.json().at("/detail").asText()).contains("VOICE_MINT_LIMIT_PER_USER");
      }
      assertThat(api.post("/api/v1/health/live", null, "X-Requested-With", "voice-plugin").status())
          .as("only GET is liveness").isEqualTo(503);
    }
  }
}
