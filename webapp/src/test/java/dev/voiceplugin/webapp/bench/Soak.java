package dev.voiceplugin.webapp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Soak (issue 9): one plugin with a deliberately small pool, first its capacity at 16 clients
 * (closed loop), then a fixed rate of half that for {@code bench.soakMinutes}, then checks that it
 * is whole: ready, its connections back to idle in PostgreSQL, and a burst of mints at more
 * concurrency than the pool all answered 200. Exit status 1 on any error or failed check.
 */
final class Soak {
  private Soak() {}

  static int run() throws Exception {
    int clients = 16;
    String pool = System.getProperty("bench.soakPoolSize", "2");
    Duration soak = Duration.ofSeconds(Math.round(Double.parseDouble(System.getProperty("bench.soakMinutes", "10")) * 60));
    Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 2));
    Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 5));
    String loadAtStart = MintBenchmark.loadAverage();
    List<String> failures = new ArrayList<>();
    try (InstantUpstream upstream = new InstantUpstream();
        ServerProcess server = ServerProcess.start(MintBenchmark.workDir(), upstream.baseUrl(), pool)) {
      URI base = server.base();
      String[] cookies = MintBenchmark.signIn(base, clients, false);
      HttpRequest[] mints = MintBenchmark.each(clients, i -> MintBenchmark.pluginMint(base, cookies[i]));

      ClosedLoopLoad.Result capacity = new ClosedLoopLoad().run("capacity", i -> mints[i], clients, warmup, measure, 10_000_000,
          ClosedLoopLoad.Window.NONE);
      System.out.printf("soak: capacity at %d clients with VOICE_DB_POOL_SIZE=%s: %.0f req/s (p50 %.3f ms, p99 %.3f ms), errors %s%n",
          clients, pool, capacity.throughput(), capacity.pMs(50), capacity.pMs(99), capacity.errors());
      if (capacity.errorCount() > 0) {
        failures.add("capacity run had errors: " + capacity.errors());
      }
      double rate = Math.max(1, capacity.throughput() / 2);
      System.out.printf("soak: %.0f req/s, open loop, for %d s%n", rate, soak.toSeconds());
      OpenLoopLoad.Result r = new OpenLoopLoad().run(i -> mints[i % clients], rate, soak, 2048, Duration.ofSeconds(60));
      if (r.errorCount() > 0) {
        failures.add("soak had errors: " + r.errors());
      }

      Thread.sleep(1000); // let the pool's connections go back to idle
      HttpClient http = HttpClient.newHttpClient();
      int ready = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
      if (ready != 200) {
        failures.add("/api/v1/health/ready answered " + ready);
      }
      Map<String, Long> conns = server.get("/bench/pool");
      long busy = conns.getOrDefault("state.active", 0L) + conns.getOrDefault("state.idle_in_transaction", 0L)
          + conns.getOrDefault("state.idle_in_transaction_(aborted)", 0L);
      if (busy > 0 || conns.getOrDefault("connections", 0L) > Long.parseLong(pool)) {
        failures.add("plugin connections in PostgreSQL not all idle or over the pool size: " + conns);
      }
      int burstClients = Math.max(clients, 4 * Integer.parseInt(pool));
      HttpRequest[] burstMints = MintBenchmark.each(burstClients, i -> mints[i % clients]);
      ClosedLoopLoad.Result burst = new ClosedLoopLoad().run("burst", i -> burstMints[i], burstClients, Duration.ZERO,
          Duration.ofSeconds(30), 25L * burstClients, ClosedLoopLoad.Window.NONE);
      if (burst.errorCount() > 0 || burst.requests() != 25L * burstClients) {
        failures.add("final burst: " + burst.requests() + " of " + 25L * burstClients + " answered 200, errors " + burst.errors());
      }
      String mintsMetric = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/metrics")).build(), HttpResponse.BodyHandlers.ofString())
          .body().lines().filter(l -> l.startsWith("voice_mints_total")).reduce((a, b) -> a + "; " + b).orElse("(none)");

      System.out.printf("""

          ### Soak, VOICE_DB_POOL_SIZE=%s, %d s at %.0f req/s (half of %.0f req/s measured at %d clients)

          | figure | value |
          |---|---|
          | requests due / sent / 200 | %d / %d / %d |
          | errors by status and code | %s |
          | p50 / p99 / p99.9 / max ms (from when each was due) | %.3f / %.3f / %.3f / %.3f |
          | /api/v1/health/ready afterwards | %d |
          | plugin connections in pg_stat_activity afterwards | %s |
          | final burst, %d clients × 25 mints | %d × 200, errors %s |
          | metrics voice_mints_total | %s |
          | load average start / end | %s / %s |

          %s%n""", pool, soak.toSeconds(), rate, capacity.throughput(), clients, (long) Math.floor(rate * soak.toSeconds()), r.sent(), r.ok(),
          r.errors().isEmpty() ? "none" : r.errors(), Percentiles.ms(r.sortedNanos(), 50), Percentiles.ms(r.sortedNanos(), 99),
          Percentiles.ms(r.sortedNanos(), 99.9), Percentiles.ms(r.sortedNanos(), 100), ready, conns, burstClients, burst.requests(),
          burst.errors().isEmpty() ? "none" : burst.errors(), mintsMetric, loadAtStart, MintBenchmark.loadAverage(),
          failures.isEmpty() ? "SOAK PASSED" : "SOAK FAILED: " + String.join("; ", failures));
    }
    return failures.isEmpty() ? 0 : 1;
  }
}
