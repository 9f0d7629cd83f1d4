package dev.voiceplugin.webapp.bench;

import dev.voiceplugin.webapp.EmbeddedJetty;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The mint benchmark (README: {@code mvn -q -Pbench -DskipTests package}): the WAR on Jetty minting
 * against an upstream that answers instantly, and the same load tool calling that upstream
 * directly, at the same concurrency, in one run. Prints both results and their ratio.
 */
public final class MintBenchmark {
  private MintBenchmark() {}

  public static void main(String[] args) throws Exception {
    int concurrency = Integer.getInteger("bench.concurrency", 16);
    Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 10));
    Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    long maxRequests = Long.getLong("bench.maxRequests", 2_000_000);
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); InstantUpstream upstream = new InstantUpstream()) {
      Map<String, String> params = Map.of(
          "VOICE_DB_URL", pg.getJdbcUrl("postgres", "postgres"), "VOICE_DB_USER", "postgres", "VOICE_DB_PASSWORD", "postgres",
          "VOICE_DB_JNDI", "", "VOICE_TENANCY", "demo", "VOICE_DEMO_MODE", "true",
          "OPENAI_API_KEY", "sk-bench-0123456789", "OPENAI_BASE_URL", upstream.baseUrl(),
          "VOICE_MINT_LIMIT_PER_TENANT", "100000000/1s", "VOICE_MINT_LIMIT_PER_USER", "100000000/1s");
      try (EmbeddedJetty plugin = EmbeddedJetty.deploy(Path.of(System.getProperty("voice.war")), "127.0.0.1", 0, "/", null,
          params, false)) {
        URI base = URI.create("http://127.0.0.1:" + plugin.port());
        // Each client is a different admin of a different tenant, as concurrent mints are in real
        // life; -Dbench.sameUser=true makes them all one user (the rate limiter's worst case).
        boolean sameUser = Boolean.getBoolean("bench.sameUser");
        String[] cookies = new String[concurrency];
        for (int i = 0; i < concurrency; i++) {
          cookies[i] = sameUser && i > 0 ? cookies[0] : signIn(base, "bench-" + i, "admin-" + i);
        }
        ClosedLoopLoad load = new ClosedLoopLoad();
        var direct = load.run("upstream directly", worker -> HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/realtime/client_secrets"))
            .header("Authorization", "Bearer sk-bench-0123456789").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}")).build(),
            concurrency, warmup, measure, maxRequests);
        var viaPlugin = load.run("through the plugin", worker -> HttpRequest.newBuilder(base.resolve("/api/v1/realtime-session"))
            .header("Cookie", cookies[worker]).header("X-Requested-With", "voice-plugin").POST(HttpRequest.BodyPublishers.noBody()).build(),
            concurrency, warmup, measure, maxRequests);
        report(concurrency, direct, viaPlugin);
      }
    }
  }

  private static String signIn(URI base, String tenant, String user) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/demo/sign-in"))
        .header("Content-Type", "application/json").header("X-Requested-With", "voice-plugin")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + tenant + "\",\"user\":\"" + user + "\",\"admin\":true}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 204) {
      throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
    }
    return r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  private static void report(int concurrency, ClosedLoopLoad.Result direct, ClosedLoopLoad.Result plugin) {
    System.out.printf("%nMint benchmark, %d concurrent clients (%s), %d cores%n", concurrency,
        Boolean.getBoolean("bench.sameUser") ? "all one user" : "one user and tenant each", Runtime.getRuntime().availableProcessors());
    System.out.printf("%-20s %10s %8s %9s %9s %9s %9s %7s%n", "", "req/s", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "n");
    for (ClosedLoopLoad.Result r : new ClosedLoopLoad.Result[] {direct, plugin}) {
      System.out.printf("%-20s %10.0f %8d %9.3f %9.3f %9.3f %9.1f %7d%n", r.name(), r.throughput(), r.errors(), r.p50Ms(), r.p90Ms(),
          r.p99Ms(), r.maxMs(), r.requests());
    }
    System.out.printf("plugin/direct throughput: %.3f; added latency p50 %.3f ms, p99 %.3f ms%n",
        plugin.throughput() / direct.throughput(), plugin.p50Ms() - direct.p50Ms(), plugin.p99Ms() - direct.p99Ms());
  }
}
