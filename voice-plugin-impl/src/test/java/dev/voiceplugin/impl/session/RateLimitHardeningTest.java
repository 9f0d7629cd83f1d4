package dev.voiceplugin.impl.session;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.zaxxer.hikari.HikariDataSource;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limiter's failure path leaks nothing, and a refusal in one scope never spends the other. */
class RateLimitHardeningTest {
  @RegisterExtension
  static WireMockExtension openai = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  private final PostgresFixture.TestDatabase db = PostgresFixture.newDatabase();

  @BeforeEach
  void stubProvider() {
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets"))
        .willReturn(okJson("{\"value\":\"ek_1\",\"expires_at\":1767225600,\"session\":{\"type\":\"realtime\"}}")));
  }

  /** A signed-in user who may start sessions but is not an administrator. */
  private static String[] user(String tenant, String name) {
    return new String[] {"X-Test-Tenant", tenant, "X-Test-User", name, "X-Test-Session", "true",
        "X-Requested-With", "voice-plugin"};
  }

  private Map<String, String> settings(String perTenant, String perUser) {
    Map<String, String> s = new HashMap<>(db.pluginSettings());
    s.put("VOICE_TENANCY", HeaderTenancy.NAME);
    s.put("OPENAI_API_KEY", "sk-platform-0123456789");
    s.put("OPENAI_BASE_URL", "http://127.0.0.1:" + openai.getPort());
    s.put("VOICE_MINT_LIMIT_PER_TENANT", perTenant);
    s.put("VOICE_MINT_LIMIT_PER_USER", perUser);
    s.put("VOICE_DB_POOL_SIZE", "3");
    s.put("VOICE_DB_CONNECT_TIMEOUT_MS", "250");
    return s;
  }

  @Test
  void hundredsOfFailedLimiterCallsLeaveThePoolWholeAndMintsWorkAfterwards() throws Exception {
    try (TestServer server = TestServer.start(settings("100000/1m", "100/1m"))) {
      ApiClient api = new ApiClient(server.baseUri());
      assertThat(api.post("/api/v1/realtime-session", null, user("t1", "warm")).status()).isEqualTo(200);
      HikariDataSource pool = (HikariDataSource) server.plugin().database().dataSource();
      int held = settledActive(pool, -1); // the settings listener keeps one connection for LISTEN
      try (Connection c = db.connect(); var st = c.createStatement()) {
        st.execute("alter table voice_rate_limit_budgets rename to voice_rate_limit_budgets_away");
      }
      ExecutorService clients = Executors.newFixedThreadPool(16);
      try {
        List<Future<ApiClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          String user = "u" + i; // a new user each time: every mint must lease, and every lease fails
          replies.add(clients.submit(() -> api.post("/api/v1/realtime-session", null, user("t1", user))));
        }
        for (Future<ApiClient.Reply> reply : replies) {
          ApiClient.Reply r = reply.get();
          assertThat(r.status()).as(r.body()).isGreaterThanOrEqualTo(500);
          assertThat(r.contentType()).isEqualTo("application/problem+json");
          assertThat(r.body()).doesNotContain("voice_rate_limit_budgets").doesNotContain("at dev.");
        }
      } finally {
        clients.shutdownNow();
      }
      try (Connection c = db.connect(); var st = c.createStatement()) {
        st.execute("alter table voice_rate_limit_budgets_away rename to voice_rate_limit_budgets");
      }
      assertThat(settledActive(pool, held)).isEqualTo(held);
      for (int i = 0; i < 20; i++) {
        assertThat(api.post("/api/v1/realtime-session", null, user("t1", "after" + i)).status()).isEqualTo(200);
      }
      assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
      assertThat(settledActive(pool, held)).isEqualTo(held);
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(3);
    }
  }

  /** Active connections once background writers are done (waits up to 2 s for {@code expected}). */
  private static int settledActive(HikariDataSource pool, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 2_000_000_000L;
    int active = pool.getHikariPoolMXBean().getActiveConnections();
    while (active != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      active = pool.getHikariPoolMXBean().getActiveConnections();
    }
    return active;
  }

  @Test
  void oneUserAtTheirLimitDoesNotSpendTheTenantsBudget() {
    try (TestServer server = TestServer.start(settings("12/1h", "3/1h"))) {
      ApiClient api = new ApiClient(server.baseUri());
      int ok = 0;
      for (int i = 0; i < 60; i++) {
        ApiClient.Reply r = api.post("/api/v1/realtime-session", null, user("t1", "greedy"));
        if (r.status() == 200) {
          ok++;
        } else {
          assertThat(r.status()).isEqualTo(429);
          assertThat(r.json().at("/scope").asText()).isEqualTo("user");
          assertThat(r.header("Retry-After")).isNotNull();
        }
      }
      assertThat(ok).isEqualTo(3);
      for (String user : List.of("ann", "bob", "cy")) {
        for (int i = 0; i < 3; i++) {
          assertThat(api.post("/api/v1/realtime-session", null, user("t1", user)).status()).as(user).isEqualTo(200);
        }
      }
      // 3 + 9 = 12: now the tenant is spent, and says so.
      ApiClient.Reply tenantFull = api.post("/api/v1/realtime-session", null, user("t1", "dee"));
      assertThat(tenantFull.status()).isEqualTo(429);
      assertThat(tenantFull.json().at("/scope").asText()).isEqualTo("tenant");
      assertThat(tenantFull.json().at("/hint").asText()).doesNotContain("VOICE_");
      // ...and dee's refused attempt did not spend dee's own budget: another tenant's limit is separate.
      assertThat(api.post("/api/v1/realtime-session", null, user("t2", "dee")).status()).isEqualTo(200);
    }
  }
}
