package dev.voiceplugin.impl.session;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A slow provider parks no container thread, and more calls than the in-flight bound are refused at once. */
class SlowProviderTest {
  @RegisterExtension
  static WireMockExtension openai = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1")
          .dynamicPort().containerThreads(100))
      .build();

  @Test
  void mintsWaitingForASlowProviderLeaveTheContainerFreeAndExcessIsProviderBusy() throws Exception {
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(
        okJson("{\"value\":\"ek_1\",\"expires_at\":1767225600,\"session\":{\"type\":\"realtime\"}}").withFixedDelay(3000)));
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("OPENAI_API_KEY", "sk-platform-0123456789");
    settings.put("OPENAI_BASE_URL", "http://127.0.0.1:" + openai.getPort());
    settings.put("VOICE_MINT_LIMIT_PER_TENANT", "1000/1m");
    settings.put("VOICE_MINT_LIMIT_PER_USER", "1000/1m");
    settings.put("VOICE_PROVIDER_MAX_IN_FLIGHT", "30");
    // 16 container threads in all: 30 mints parked on the provider would leave none for anything else.
    try (TestServer server = TestServer.start(settings, null, 16)) {
      ApiClient api = new ApiClient(server.baseUri());
      assertThat(api.post("/api/v1/realtime-session", null, admin("t1", "warm")).status()).isEqualTo(200);
      ExecutorService clients = Executors.newFixedThreadPool(40);
      try {
        List<Future<ApiClient.Reply>> slow = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          String user = "u" + i;
          slow.add(clients.submit(() -> api.post("/api/v1/realtime-session", null, admin("t1", user))));
        }
        Thread.sleep(800); // all 30 are now waiting for the provider
        long started = System.nanoTime();
        ApiClient.Reply live = api.get("/api/v1/health/live");
        long liveMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(live.status()).isEqualTo(200);
        assertThat(liveMs).as("liveness while 30 mints wait 3 s for the provider").isLessThan(1000);

        ApiClient.Reply excess = api.post("/api/v1/realtime-session", null, admin("t1", "one-too-many"));
        assertThat(excess.status()).isEqualTo(503);
        assertThat(excess.json().at("/code").asText()).isEqualTo("provider_busy");
        assertThat(excess.header("Retry-After")).isEqualTo("1");

        for (Future<ApiClient.Reply> reply : slow) {
          assertThat(reply.get().status()).isEqualTo(200);
        }
      } finally {
        clients.shutdownNow();
      }
      assertThat(api.post("/api/v1/realtime-session", null, admin("t1", "after")).status()).isEqualTo(200);
    }
  }
}
