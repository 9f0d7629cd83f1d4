package dev.voiceplugin.webapp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mint benchmark (README, "Benchmark"): the plugin against three references in one run, the
 * same instant upstream and the same closed-loop load tool for all: "direct" (the load tool calling
 * the upstream), "express" (a minimal Node route), "bare" (a servlet on the plugin's own Jetty making
 * the same upstream call and nothing else) and "plugin" ({@code POST /api/v1/realtime-session}).
 * Rounds interleave the targets in rotating order; the report gives medians over rounds.
 * {@code -Dbench.mode=soak} runs {@link Soak} instead, {@code calls} {@link CallsBench}, {@code relay} {@link RelayBench}.
 */
public final class MintBenchmark {
  private MintBenchmark() {}

  /** One thing to load: its requests per worker, and how to read its server's cost over a window. */
  record Target(String name, HttpRequest[] requests, CostMeter meter) {}

  public static void main(String[] args) throws Exception {
    int exit;
    try {
      String mode = System.getProperty("bench.mode", "compare");
      exit = switch (mode) {
        case "soak" -> Soak.run();
        case "calls" -> CallsBench.run();
        case "relay" -> RelayBench.run();
        default -> compare();
      };
    } catch (Exception e) {
      e.printStackTrace();
      exit = 2;
    }
    // Shutdown hooks stop the Node child and the server JVM on every path, this one included.
    System.exit(exit);
  }

  static Path workDir() {
    return Path.of(System.getProperty("bench.workDir", "target/bench")).toAbsolutePath();
  }

  private static int compare() throws Exception {
    int[] clients = Arrays.stream(System.getProperty("bench.clients", "1,16,64").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    int rounds = Integer.getInteger("bench.rounds", 3);
    Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 2));
    Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 5));
    Duration prewarm = Duration.ofSeconds(Long.getLong("bench.prewarmSeconds", 5));
    long maxRequests = Long.getLong("bench.maxRequests", 2_000_000);
    int most = Arrays.stream(clients).max().orElseThrow();
    String loadAtStart = loadAverage();
    long began = System.nanoTime();
    try (InstantUpstream upstream = new InstantUpstream();
        ServerProcess server = ServerProcess.start(workDir(), upstream.baseUrl(), "");
        NodeExpress express = NodeExpress.start(workDir(), Path.of(System.getProperty("bench.nodeScript")),
            System.getProperty("bench.expressVersion", "5.1.0"), upstream.baseUrl())) {
      String[] cookies = signIn(server.base(), most, Boolean.getBoolean("bench.sameUser"), Boolean.getBoolean("bench.oneTenant"));
      List<Target> targets = List.of(
          new Target("direct", each(most, i -> Bench.upstreamMint(URI.create(upstream.baseUrl() + "/v1/realtime/client_secrets"))), CostMeter.NONE),
          new Target("express", each(most, i -> HttpRequest.newBuilder(express.base().resolve("/token"))
              .POST(HttpRequest.BodyPublishers.noBody()).build()), CostMeter.of(express)),
          new Target("bare", each(most, i -> HttpRequest.newBuilder(server.base().resolve("/bench/bare-token"))
              .POST(HttpRequest.BodyPublishers.noBody()).build()), CostMeter.of(server)),
          new Target("plugin", each(most, i -> pluginMint(server.base(), cookies[i])), CostMeter.of(server)));
      for (Target t : targets) {
        check(t);
      }
      System.out.printf("bench: server JVM pid %d at %s, Express %s at %s; warming every target for %ds at %d clients%n",
          server.pid(), server.base(), express.version(), express.base(), prewarm.toSeconds(), most);
      ClosedLoopLoad load = new ClosedLoopLoad();
      for (Target t : targets) {
        load.run(t.name(), i -> t.requests()[i], most, prewarm, Duration.ZERO, maxRequests, ClosedLoopLoad.Window.NONE);
      }
      Map<String, List<Cell>> cells = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (int ci = 0; ci < clients.length; ci++) {
          int c = clients[ci];
          for (int k = 0; k < targets.size(); k++) {
            // Rotate the order every round and every client count, so no target always runs first or
            // right after the same neighbour (GC debt, a JIT burst, the noise of other builders).
            Target t = targets.get((k + round + ci) % targets.size());
            CostMeter.Window window = t.meter().window();
            ClosedLoopLoad.Result r = load.run(t.name(), i -> t.requests()[i], c, warmup, measure, maxRequests, window);
            Cell cell = new Cell(round, r, window.cost(r.requests()));
            cells.computeIfAbsent(t.name() + "@" + c, key -> new ArrayList<>()).add(cell);
            System.out.printf("bench: round %d, %2d clients, %-7s %8.0f req/s  p50 %7.3f ms  p99 %7.3f ms  errors %d%n",
                round + 1, c, t.name(), r.throughput(), r.pMs(50), r.pMs(99), r.errorCount());
          }
        }
      }
      String report = Report.markdown(new Report.Setup(clients, rounds, warmup, measure, loadAtStart, loadAverage(),
          express.version(), Duration.ofNanos(System.nanoTime() - began)), targets.stream().map(Target::name).toList(), cells);
      System.out.println();
      System.out.println(report);
      Files.createDirectories(workDir());
      Files.writeString(workDir().resolve("report.md"), report);
      System.out.println("(also written to " + workDir().resolve("report.md") + ")");
    }
    return 0;
  }

  /** One measured run of one target at one client count in one round, with its server's cost. */
  record Cell(int round, ClosedLoopLoad.Result load, CostMeter.Cost cost) {}

  static HttpRequest[] each(int n, java.util.function.IntFunction<HttpRequest> make) {
    HttpRequest[] out = new HttpRequest[n];
    for (int i = 0; i < n; i++) {
      out[i] = make.apply(i);
    }
    return out;
  }

  static HttpRequest pluginMint(URI base, String cookie) {
    return HttpRequest.newBuilder(base.resolve("/api/v1/realtime-session")).header("Cookie", cookie)
        .header("X-Requested-With", "voice-plugin").POST(HttpRequest.BodyPublishers.noBody()).build();
  }

  /** One mint through the target before timing it: a target that cannot mint fails the run, not a table cell. */
  private static void check(Target t) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(t.requests()[0], HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || !r.body().contains("ek_bench")) {
      throw new IllegalStateException(t.name() + " does not mint: " + r.statusCode() + " " + r.body());
    }
  }

  /**
   * Each client is a different admin of a different tenant, as concurrent mints are in real life;
   * {@code -Dbench.oneTenant=true} makes them admins of one tenant (issue 10's setting: one tenant's
   * settings, plan and budgets shared by every mint); {@code -Dbench.sameUser=true} makes them all one
   * user of one tenant (the rate limiter's worst case).
   */
  static String[] signIn(URI base, int n, boolean sameUser) throws Exception {
    return signIn(base, n, sameUser, false);
  }

  static String[] signIn(URI base, int n, boolean sameUser, boolean oneTenant) throws Exception {
    String[] cookies = new String[n];
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < n; i++) {
      if (sameUser && i > 0) {
        cookies[i] = cookies[0];
        continue;
      }
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/demo/sign-in"))
          .header("Content-Type", "application/json").header("X-Requested-With", "voice-plugin")
          .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"bench-" + (oneTenant ? 0 : i) + "\",\"user\":\"admin-" + i + "\",\"admin\":true}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 204) {
        throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
      }
      cookies[i] = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }
    return cookies;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
