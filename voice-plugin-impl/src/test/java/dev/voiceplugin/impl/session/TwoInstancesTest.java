package dev.voiceplugin.impl.session;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two plugin instances on one database behave as one: shared rate limits, settings changes seen within 1 s. */
class TwoInstancesTest {
  @RegisterExtension
  static WireMockExtension openai = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  private final PostgresFixture.TestDatabase db = PostgresFixture.newDatabase();

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>(db.pluginSettings());
    s.put("VOICE_TENANCY", HeaderTenancy.NAME);
    s.put("OPENAI_API_KEY", "sk-platform-0123456789");
    s.put("OPENAI_BASE_URL", "http://127.0.0.1:" + openai.getPort());
    s.put("VOICE_MINT_LIMIT_PER_USER", "3/1h");
    return s;
  }

  @Test
  void theRateLimitIsSharedAcrossInstances() {
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets"))
        .willReturn(okJson("{\"value\":\"ek_1\",\"expires_at\":1767225600,\"session\":{\"type\":\"realtime\"}}")));
    try (TestServer one = TestServer.start(settings()); TestServer two = TestServer.start(settings())) {
      ApiClient a = new ApiClient(one.baseUri());
      ApiClient b = new ApiClient(two.baseUri());
      assertThat(a.post("/api/v1/realtime-session", null, admin("shared", "sue")).status()).isEqualTo(200);
      assertThat(b.post("/api/v1/realtime-session", null, admin("shared", "sue")).status()).isEqualTo(200);
      assertThat(a.post("/api/v1/realtime-session", null, admin("shared", "sue")).status()).isEqualTo(200);
      assertThat(b.post("/api/v1/realtime-session", null, admin("shared", "sue")).status()).isEqualTo(429);
      assertThat(a.post("/api/v1/realtime-session", null, admin("shared", "sue")).status()).isEqualTo(429);
    }
  }

  @Test
  void aSettingsChangeOnOneInstanceIsUsedByTheOtherWithinOneSecond() throws Exception {
    try (TestServer one = TestServer.start(settings()); TestServer two = TestServer.start(settings())) {
      ApiClient a = new ApiClient(one.baseUri());
      ApiClient b = new ApiClient(two.baseUri());
      ApiClient.Reply before = b.get("/api/v1/realtime-settings", admin("shared", "sue"));
      assertThat(before.json().at("/settings/voice").asText()).isEqualTo("marin"); // now cached on instance two
      Thread.sleep(300); // let instance two's listener subscribe

      ObjectNode settings = (ObjectNode) before.json().get("settings");
      settings.put("voice", "sage");
      ObjectNode body = settings.objectNode();
      body.set("settings", settings);
      String[] headers = java.util.Arrays.copyOf(admin("shared", "sue"), 10);
      headers[8] = "If-Match";
      headers[9] = before.header("ETag");
      assertThat(a.put("/api/v1/realtime-settings", body, headers).status()).isEqualTo(200);
      long saved = System.nanoTime();

      String seen = "marin";
      while (!seen.equals("sage") && System.nanoTime() - saved < Duration.ofSeconds(3).toNanos()) {
        seen = b.get("/api/v1/realtime-settings", admin("shared", "sue")).json().at("/settings/voice").asText();
      }
      long elapsedMs = Duration.ofNanos(System.nanoTime() - saved).toMillis();
      assertThat(seen).isEqualTo("sage");
      assertThat(elapsedMs).as("instance two saw the change after %d ms", elapsedMs).isLessThan(1000);
    }
  }
}
