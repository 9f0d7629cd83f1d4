package dev.voiceplugin.impl.session;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In the steady state a mint makes no database statement: PostgreSQL itself counts (pg_stat_statements)
 * what the plugin's role ran while 1,000 mints of 16 users were answered. Only the audit's batched
 * inserts and the rate limit's chunked leases, both from background threads, may appear (and the
 * call supervisor's periodic look for orphaned calls, which does not depend on mints).
 */
class MintHotPathStatementsTest {
  @RegisterExtension
  static WireMockExtension openai = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  @Test
  void aThousandMintsRunOnlyBackgroundLeasesAndBatchedAuditInserts() throws Exception {
    openai.stubFor(post(urlEqualTo("/v1/realtime/client_secrets"))
        .willReturn(okJson("{\"value\":\"ek_1\",\"expires_at\":1767225600,\"session\":{\"type\":\"realtime\"}}")));
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .setServerConfig("pg_stat_statements.track", "all").start()) {
      try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
        st.execute("create extension pg_stat_statements");
        st.execute("create role plugin login password 'plugin'");
        st.execute("grant all on database postgres to plugin");
        st.execute("grant all on schema public to plugin");
      }
      Map<String, String> settings = new HashMap<>(Map.of(
          "VOICE_DB_URL", pg.getJdbcUrl("plugin", "postgres"), "VOICE_DB_USER", "plugin", "VOICE_DB_PASSWORD", "plugin",
          "VOICE_DB_JNDI", "", "VOICE_TENANCY", HeaderTenancy.NAME, "OPENAI_API_KEY", "sk-platform-0123456789",
          "OPENAI_BASE_URL", "http://127.0.0.1:" + openai.getPort()));
      settings.put("VOICE_MINT_LIMIT_PER_TENANT", "1000000/1h");
      settings.put("VOICE_MINT_LIMIT_PER_USER", "100000/1h");
      try (TestServer server = TestServer.start(settings)) {
        ApiClient api = new ApiClient(server.baseUri());
        mint(api, 5); // warm-up: settings cached, a lease per user and for the tenant
        Thread.sleep(500); // the audit writer has written the warm-up
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
          st.execute("select pg_stat_statements_reset()");
        }
        double waitsBefore = waits(server);
        mint(api, 1000 / 16 + 1);
        assertThat(waits(server) - waitsBefore).as("mints that waited for a lease").isZero();
        Thread.sleep(500);
        Map<String, Long> calls = new LinkedHashMap<>();
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement();
            ResultSet rs = st.executeQuery("select query, calls from pg_stat_statements s join pg_roles r on r.oid = s.userid"
                + " where r.rolname = 'plugin' order by calls desc")) {
          while (rs.next()) {
            calls.put(rs.getString(1), rs.getLong(2));
          }
        }
        System.out.println("statements of the plugin's role during 1,008 mints: " + calls);
        long audit = sum(calls, "voice_session_audit");
        long leases = sum(calls, "voice_rate_limit_budgets");
        long callUpkeep = sum(calls, "voice_calls"); // the call supervisor's look for orphaned calls, every 3 s
        long all = sum(calls, "");
        assertThat(all - audit - leases - callUpkeep).as("statements besides audit inserts and leases: %s", calls).isZero();
        assertThat(callUpkeep).as("call upkeep statements, independent of mints").isLessThan(10);
        // The tenant's bucket leases 1,000 tokens at a time, prefetched in the background when low.
        assertThat(leases).as("leases for 1,008 mints").isLessThanOrEqualTo(2);
        // One batch per 50 ms at most, which the driver sends as a few multi-row inserts (row counts in
        // powers of two): far fewer statements than mints.
        assertThat(audit).as("audit inserts (multi-row, from a background thread)").isLessThan(250);
      }
    }
  }

  private static double waits(TestServer server) {
    return server.plugin().metrics().registry().find("voice_rate_limit_waits").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }

  private static long sum(Map<String, Long> calls, String containing) {
    return calls.entrySet().stream().filter(e -> e.getKey().contains(containing)).mapToLong(Map.Entry::getValue).sum();
  }

  /** {@code each} mints for each of 16 users, 8 at a time. */
  private static void mint(ApiClient api, int each) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<ApiClient.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        for (int u = 0; u < 16; u++) {
          String user = "user" + u;
          replies.add(clients.submit(() -> api.post("/api/v1/realtime-session", null, admin("t1", user))));
        }
      }
      for (Future<ApiClient.Reply> reply : replies) {
        assertThat(reply.get().status()).isEqualTo(200);
      }
    } finally {
      clients.shutdownNow();
    }
  }
}
