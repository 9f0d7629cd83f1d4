package dev.voiceplugin.webapp.bench;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** The benchmark's Markdown report: medians over rounds, ratios taken within each round. */
final class Report {
  record Setup(int[] clients, int rounds, Duration warmup, Duration measure, String loadAtStart, String loadAtEnd,
      String expressVersion, Duration took) {}

  private Report() {}

  static String markdown(Setup s, List<String> targets, Map<String, List<MintBenchmark.Cell>> cells) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("### Mint benchmark, %s%n%n", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES)));
    out.append(String.format("%d cores; JDK %s; Node %s, Express %s. %d rounds; each cell %d s warm-up + %d s measured; "
            + "medians over rounds. Run took %d s.%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        nodeVersion(), s.expressVersion(), s.rounds(), s.warmup().toSeconds(), s.measure().toSeconds(), s.took().toSeconds()));
    out.append(String.format("Load average (1/5/15 min) at start: %s; at end: %s.%n%n", s.loadAtStart(), s.loadAtEnd()));

    out.append("| clients | target | req/s | req/s min–max | p50 ms | p99 ms | errors |\n|---:|---|---:|---:|---:|---:|---:|\n");
    Map<String, Long> errorKinds = new TreeMap<>();
    for (int c : s.clients()) {
      for (String t : targets) {
        List<MintBenchmark.Cell> cs = cells.getOrDefault(t + "@" + c, List.of());
        long errors = cs.stream().mapToLong(x -> x.load().errorCount()).sum();
        cs.forEach(x -> x.load().errors().forEach((k, v) -> errorKinds.merge(t + " " + k, v, Long::sum)));
        out.append(String.format("| %d | %s | %s | %s–%s | %s | %s | %d |%n", c, t, f0(median(cs, x -> x.load().throughput())),
            f0(min(cs, x -> x.load().throughput())), f0(max(cs, x -> x.load().throughput())),
            f3(median(cs, x -> x.load().pMs(50))), f3(median(cs, x -> x.load().pMs(99))), errors));
      }
    }
    if (!errorKinds.isEmpty()) {
      out.append("\nErrors: ").append(errorKinds).append('\n');
    }

    out.append("\n| clients | plugin ÷ express req/s | plugin ÷ bare req/s | p50 added over bare ms | p99 added over bare ms |\n"
        + "|---:|---:|---:|---:|---:|\n");
    for (int c : s.clients()) {
      out.append(String.format("| %d | %s | %s | %s | %s |%n", c,
          f2(perRound(cells, c, s.rounds(), "plugin", "express", (a, b) -> a.load().throughput() / b.load().throughput())),
          f2(perRound(cells, c, s.rounds(), "plugin", "bare", (a, b) -> a.load().throughput() / b.load().throughput())),
          f3(perRound(cells, c, s.rounds(), "plugin", "bare", (a, b) -> a.load().pMs(50) - b.load().pMs(50))),
          f3(perRound(cells, c, s.rounds(), "plugin", "bare", (a, b) -> a.load().pMs(99) - b.load().pMs(99)))));
    }

    out.append("\nServer-side cost per mint, measured window only (the load generator runs in another process):\n\n"
        + "| clients | target | CPU ms/mint, server process | CPU ms/mint, PostgreSQL | KiB/mint, heap | KiB/mint, live threads only | threads started /1k mints |\n"
        + "|---:|---|---:|---:|---:|---:|---:|\n");
    for (int c : s.clients()) {
      for (String t : targets) {
        List<MintBenchmark.Cell> cs = cells.getOrDefault(t + "@" + c, List.of());
        if (cs.isEmpty() || Double.isNaN(cs.get(0).cost().serverCpuNanos())) {
          continue;
        }
        out.append(String.format("| %d | %s | %s | %s | %s | %s | %s |%n", c, t,
            f3(median(cs, x -> x.cost().serverCpuNanos() / 1e6 / x.load().requests())),
            f3(median(cs, x -> x.cost().databaseCpuNanos() / 1e6 / x.load().requests())),
            f0(median(cs, x -> x.cost().heapBytes() / 1024 / x.load().requests())),
            f0(median(cs, x -> x.cost().liveThreadBytes() / 1024 / x.load().requests())),
            f1(median(cs, x -> x.cost().threadsStarted() * 1000 / x.load().requests()))));
      }
    }
    return out.toString();
  }

  /** The median over rounds of a figure comparing two targets measured in the same round. */
  private static double perRound(Map<String, List<MintBenchmark.Cell>> cells, int c, int rounds, String a, String b,
      java.util.function.BiFunction<MintBenchmark.Cell, MintBenchmark.Cell, Double> f) {
    List<MintBenchmark.Cell> as = cells.getOrDefault(a + "@" + c, List.of());
    List<MintBenchmark.Cell> bs = cells.getOrDefault(b + "@" + c, List.of());
    double[] v = new double[Math.min(as.size(), bs.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = f.apply(as.get(i), bs.get(i));
    }
    return Percentiles.median(v);
  }

  private static double median(List<MintBenchmark.Cell> cs, ToDoubleFunction<MintBenchmark.Cell> f) {
    return Percentiles.median(cs.stream().mapToDouble(f).toArray());
  }

  private static double min(List<MintBenchmark.Cell> cs, ToDoubleFunction<MintBenchmark.Cell> f) {
    return cs.stream().mapToDouble(f).min().orElse(Double.NaN);
  }

  private static double max(List<MintBenchmark.Cell> cs, ToDoubleFunction<MintBenchmark.Cell> f) {
    return cs.stream().mapToDouble(f).max().orElse(Double.NaN);
  }

  private static String f0(double v) {
    return Double.isNaN(v) ? "–" : String.format("%,.0f", v);
  }

  private static String f1(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.1f", v);
  }

  private static String f2(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.2f", v);
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.3f", v);
  }

  private static String nodeVersion() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return v;
    } catch (Exception e) {
      return "?";
    }
  }
}
