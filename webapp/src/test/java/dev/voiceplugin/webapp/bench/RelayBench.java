package dev.voiceplugin.webapp.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The relay benchmark (issue 12, {@code -Dbench.mode=relay}): {@code bench.relaySessions} browsers
 * streaming 20 ms audio frames at real time through the plugin's relay to a provider that plays the
 * same audio back, beside the reference of the same browsers talking to the same provider directly.
 * Rounds interleave the two (the order alternates), each cell opening its sessions afresh. The
 * browsers and provider run here, the plugin in the forked server JVM, so the server's CPU, heap and
 * allocation are the relay's alone; the added latency is relay minus direct within a round.
 */
final class RelayBench {
  /** One target measured once: its window's latencies, the server's cost and what it held after GC. */
  record Cell(int round, String target, int sessions, double windowNanos, FrameStats stats, CostMeter.Cost cost,
      double benchCpuNanos, Map<String, Long> heap, int streamsOpen, long queuedSends, long errorEvents,
      Map<String, Integer> closed, Map<String, Long> threadCpuNanos, long systemCpuNanos) {}

  private RelayBench() {}

  static int run() throws Exception {
    int sessions = Integer.getInteger("bench.relaySessions", 100);
    Duration measure = Duration.ofSeconds(Long.getLong("bench.relaySeconds", 60));
    Duration warmup = Duration.ofSeconds(Long.getLong("bench.relayWarmupSeconds", 10));
    Duration prewarm = Duration.ofSeconds(Long.getLong("bench.relayPrewarmSeconds", 30));
    int rounds = Integer.getInteger("bench.rounds", 3);
    Duration frame = Duration.ofMillis(Integer.getInteger("bench.relayFrameMs", 20));
    int turnFrames = (int) Math.max(1, Long.getLong("bench.relayTurnSeconds", 5) * 1000 / frame.toMillis());
    String audio = Frames.pcmBase64((int) frame.toMillis());
    String loadAtStart = MintBenchmark.loadAverage();
    long began = System.nanoTime();
    try (EchoUpstream upstream = new EchoUpstream(turnFrames);
        ServerProcess server = ServerProcess.start(MintBenchmark.workDir(), upstream.baseUrl(), "")) {
      String[] cookies = MintBenchmark.signIn(server.base(), sessions, false);
      Setup setup = new Setup(sessions, frame, warmup, measure, upstream, server, cookies, audio);
      System.out.printf("bench: relay, server JVM pid %d at %s, provider at %s; %d sessions, %d ms frames; prewarming %d s%n",
          server.pid(), server.base(), upstream.baseUrl(), sessions, frame.toMillis(), prewarm.toSeconds());
      // JIT (C2 takes tens of seconds on 2 busy cores), pools and every tenant's settings, before anything is measured.
      cell(setup, -1, "relay", prewarm);
      List<Cell> cells = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<String> order = round % 2 == 0 ? List.of("relay", "direct") : List.of("direct", "relay");
        for (String target : order) {
          Cell c = cell(setup, round, target, measure);
          cells.add(c);
          System.out.printf("bench: round %d %-6s up p50 %.3f p99 %.3f ms, down p50 %.3f p99 %.3f ms, server CPU %.1f %% of a core%s%n",
              round + 1, target, Percentiles.ms(c.stats().up.sorted(), 50), Percentiles.ms(c.stats().up.sorted(), 99),
              Percentiles.ms(c.stats().down.sorted(), 50), Percentiles.ms(c.stats().down.sorted(), 99),
              c.cost().serverCpuNanos() / c.windowNanos() * 100, c.closed().isEmpty() ? "" : ", closed " + c.closed());
        }
      }
      String report = RelayReport.markdown(new RelayReport.Setup(sessions, frame, warmup, measure, rounds, turnFrames,
          loadAtStart, MintBenchmark.loadAverage(), Duration.ofNanos(System.nanoTime() - began), upstream.sendFailures()), cells);
      System.out.println();
      System.out.println(report);
      Files.createDirectories(MintBenchmark.workDir());
      Files.writeString(MintBenchmark.workDir().resolve("report.md"), report);
      System.out.println("(also written to " + MintBenchmark.workDir().resolve("report.md") + ")");
      boolean broken = cells.stream().anyMatch(c -> !c.closed().isEmpty() || c.streamsOpen() != sessions);
      return broken ? 1 : 0;
    }
  }

  private record Setup(int sessions, Duration frame, Duration warmup, Duration measure, EchoUpstream upstream,
      ServerProcess server, String[] cookies, String audio) {}

  /** Opens the sessions, streams {@code warmup} unmeasured and {@code window} measured, reads the heap, closes. */
  private static Cell cell(Setup s, int round, String target, Duration window) throws Exception {
    long framesPerWindow = window.toNanos() / s.frame().toNanos() * s.sessions();
    FrameStats stats = new FrameStats((int) Math.min(Integer.MAX_VALUE - 8, framesPerWindow * 5 / 4 + 1000));
    s.upstream().record(stats);
    CostMeter.Window meter = CostMeter.of(s.server()).window();
    long self = ProcessHandle.current().pid();
    try (RelayLoad load = "relay".equals(target) ? RelayLoad.relay(s.server().base(), s.cookies(), s.audio())
        : RelayLoad.direct(s.upstream().streamUrl(), s.sessions(), s.audio())) {
      load.start(stats, s.frame());
      Thread.sleep(round < 0 ? 0 : s.warmup().toMillis());
      meter.started();
      Map<String, Long> threads0 = ProcCpu.byThread(s.server().pid());
      long system0 = ProcCpu.userSystem(s.server().pid())[1];
      long bench0 = ProcCpu.own(self);
      long t0 = System.nanoTime();
      stats.start();
      Thread.sleep(window.toMillis());
      stats.stop();
      long t1 = System.nanoTime();
      long bench1 = ProcCpu.own(self);
      long system1 = ProcCpu.userSystem(s.server().pid())[1];
      Map<String, Long> threadCpu = new java.util.HashMap<>(ProcCpu.byThread(s.server().pid()));
      threadCpu.replaceAll((name, nanos) -> nanos - threads0.getOrDefault(name, 0L));
      meter.ended();
      int streams = s.upstream().openStreams();
      Map<String, Long> heap = s.server().get("/bench/heap");
      if (round >= 0 && Boolean.getBoolean("bench.relayHistogram")) {
        histogram(s.server(), "histogram-round" + (round + 1) + "-" + target + ".txt");
      }
      Map<String, Integer> closed = load.closed();
      Cell cell = new Cell(round, target, s.sessions(), t1 - t0, stats, meter.cost(framesPerWindow), bench1 - bench0, heap,
          streams, load.queuedSends(), load.errorEvents(), closed, threadCpu, system1 - system0);
      load.close();
      awaitClosed(s.upstream());
      return cell;
    }
  }

  /** What the server's heap holds by class ({@code jcmd GC.class_histogram}, itself a full GC), for relay minus direct by hand. */
  private static void histogram(ServerProcess server, String file) throws Exception {
    java.nio.file.Path out = MintBenchmark.workDir().resolve(file);
    Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(server.pid()), "GC.class_histogram").redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  /** Until the provider has no socket left: the relay's end of each session, or the direct browsers'. */
  private static void awaitClosed(EchoUpstream upstream) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (upstream.openStreams() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    // Then the calls' ends in PostgreSQL (the relay's worker) settle before the next cell's window.
    Thread.sleep(2000);
  }
}
