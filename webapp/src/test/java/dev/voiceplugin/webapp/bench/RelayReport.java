package dev.voiceplugin.webapp.bench;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * The relay benchmark's Markdown: every cell, then each round's relay-minus-direct figures, then
 * their medians beside the aims. Differences and ratios are taken within a round, where
 * both cells saw about the same machine, and only then summarised.
 */
final class RelayReport {
  record Setup(int sessions, Duration frame, Duration warmup, Duration measure, int rounds, int turnFrames,
      String loadAtStart, String loadAtEnd, Duration took, long providerSendFailures) {}

  private static final double AIM_ADDED_P99_MS = 2.0;
  private static final double AIM_CORE_PERCENT = 1.0;

  private RelayReport() {}

  static String markdown(Setup s, List<RelayBench.Cell> cells) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("### Relay benchmark, %s%n%n", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES)));
    out.append(String.format("%d sessions, each a browser sending one %d ms PCM16 24 kHz frame every %d ms and the provider "
            + "answering each with a delta of the same audio (response.done with usage every %d frames). Rounds: %d, relay and "
            + "direct in alternating order; each cell opens its sessions, streams %d s unmeasured, then %d s measured. "
            + "%d cores; JDK %s. Run took %d s.%n", s.sessions(), s.frame().toMillis(), s.frame().toMillis(), s.turnFrames(),
        s.rounds(), s.warmup().toSeconds(), s.measure().toSeconds(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), s.took().toSeconds()));
    out.append(String.format("Load average (1/5/15 min) at start: %s; at end: %s. Provider writes that failed: %d.%n%n",
        s.loadAtStart(), s.loadAtEnd(), s.providerSendFailures()));

    out.append("Latency per frame, ms (browser → provider is `up`, provider → browser is `down`); frames counted in the window:\n\n"
        + "| round | target | frames due | up received | down received | up p50 | up p99 | up p99.9 | up max | down p50 | down p99 "
        + "| down p99.9 | down max | generator lag p99 | queued sends | error events |\n"
        + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RelayBench.Cell c : cells) {
      long due = Math.round(c.windowNanos() / s.frame().toNanos()) * c.sessions();
      out.append(String.format("| %d | %s | %,d | %,d | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d |%n",
          c.round() + 1, c.target(), due, c.stats().up.count(), c.stats().down.count(), f3(up(c, 50)), f3(up(c, 99)),
          f3(up(c, 99.9)), f3(up(c, 100)), f3(down(c, 50)), f3(down(c, 99)), f3(down(c, 99.9)), f3(down(c, 100)),
          f3(Percentiles.ms(c.stats().pacing.sorted(), 99)), c.queuedSends(), c.errorEvents()));
    }

    out.append("\nServer JVM over the window (for `direct` it carries no sessions: its idle cost in the same round):\n\n"
        + "| round | target | server JVM CPU, % of a core | PostgreSQL CPU, % of a core | bench JVM CPU (browsers + provider), % of a core "
        + "| allocated, MiB/s | heap after GC, MiB | live threads | provider sockets open |\n"
        + "|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RelayBench.Cell c : cells) {
      out.append(String.format("| %d | %s | %s | %s | %s | %s | %s | %d | %d |%n", c.round() + 1, c.target(),
          f1(core(c, c.cost().serverCpuNanos())), f1(core(c, c.cost().databaseCpuNanos())), f1(core(c, c.benchCpuNanos())),
          f1(c.cost().heapBytes() / 1048576.0 / (c.windowNanos() / 1e9)), f1(c.heap().getOrDefault("heapUsed", -1L) / 1048576.0),
          c.heap().getOrDefault("threads", -1L), c.streamsOpen()));
    }

    threads(out, cells);

    List<Figure> figures = List.of(
        new Figure("up p50 added, ms", (r, d) -> up(r, 50) - up(d, 50), Double.NaN, false),
        new Figure("up p99 added, ms", (r, d) -> up(r, 99) - up(d, 99), AIM_ADDED_P99_MS, true),
        new Figure("down p50 added, ms", (r, d) -> down(r, 50) - down(d, 50), Double.NaN, false),
        new Figure("down p99 added, ms", (r, d) -> down(r, 99) - down(d, 99), AIM_ADDED_P99_MS, true),
        new Figure("up p99, relay ÷ direct", (r, d) -> up(r, 99) / up(d, 99), Double.NaN, false),
        new Figure("down p99, relay ÷ direct", (r, d) -> down(r, 99) / down(d, 99), Double.NaN, false),
        new Figure("server JVM CPU per session, % of a core", (r, d) -> core(r, r.cost().serverCpuNanos()) / r.sessions(),
            AIM_CORE_PERCENT, true),
        new Figure("  the same, net of the idle server (relay − direct)", (r, d) -> (core(r, r.cost().serverCpuNanos())
            - core(d, d.cost().serverCpuNanos())) / r.sessions(), AIM_CORE_PERCENT, true),
        new Figure("PostgreSQL CPU per session, % of a core", (r, d) -> (core(r, r.cost().databaseCpuNanos())
            - core(d, d.cost().databaseCpuNanos())) / r.sessions(), Double.NaN, false),
        new Figure("server JVM CPU, relay ÷ idle", (r, d) -> r.cost().serverCpuNanos() / r.windowNanos()
            / (d.cost().serverCpuNanos() / d.windowNanos()), Double.NaN, false),
        new Figure("heap retained per session, KiB", (r, d) -> (r.heap().getOrDefault("heapUsed", 0L)
            - d.heap().getOrDefault("heapUsed", 0L)) / 1024.0 / r.sessions(), Double.NaN, false),
        new Figure("threads per session", (r, d) -> (r.heap().getOrDefault("threads", 0L) - d.heap().getOrDefault("threads", 0L))
            / (double) r.sessions(), Double.NaN, false),
        new Figure("allocated per session, KiB/s", (r, d) -> (perSecond(r, r.cost().heapBytes()) - perSecond(d, d.cost().heapBytes()))
            / 1024 / r.sessions(), Double.NaN, false),
        new Figure("allocated per relayed frame (either way), KiB", (r, d) -> (perSecond(r, r.cost().heapBytes())
            - perSecond(d, d.cost().heapBytes())) / 1024 / (2.0 * r.sessions() * 1e9 / s.frame().toNanos()), Double.NaN, false));

    out.append("\nEach round's relay cell against its direct cell, then the median over rounds:\n\n| figure |");
    for (int r = 0; r < s.rounds(); r++) {
      out.append(" round ").append(r + 1).append(" |");
    }
    out.append(" median | aim | met |\n|---|").append("---:|".repeat(s.rounds())).append("---:|---:|---|\n");
    for (Figure f : figures) {
      double[] perRound = new double[s.rounds()];
      out.append("| ").append(f.name()).append(" |");
      for (int r = 0; r < s.rounds(); r++) {
        RelayBench.Cell relay = find(cells, r, "relay");
        RelayBench.Cell direct = find(cells, r, "direct");
        perRound[r] = relay == null || direct == null ? Double.NaN : f.value().applyAsDouble(relay, direct);
        out.append(' ').append(f3(perRound[r])).append(" |");
      }
      double median = Percentiles.median(perRound);
      out.append(' ').append(f3(median)).append(" | ").append(Double.isNaN(f.aim()) ? "" : "≤ " + f.aim()).append(" | ")
          .append(!f.judged() ? "" : Double.isNaN(median) ? "?" : median <= f.aim() ? "yes" : "**no**").append(" |\n");
    }
    return out.toString();
  }

  /** The relay cells' server CPU by kind of thread, the kinds that spent the most first, and the kernel's share of it. */
  private static void threads(StringBuilder out, List<RelayBench.Cell> cells) {
    List<RelayBench.Cell> relays = cells.stream().filter(c -> "relay".equals(c.target())).toList();
    java.util.Map<String, Double> total = new java.util.HashMap<>();
    relays.forEach(c -> c.threadCpuNanos().forEach((name, nanos) -> total.merge(name, (double) nanos, Double::sum)));
    List<String> top = total.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(12).map(java.util.Map.Entry::getKey).toList();
    out.append("\nWhere the server JVM's CPU went in the relay cells, % of a core by thread (digits folded to N; from "
        + "/proc/<pid>/task, so GC and JIT threads count too):\n\n| thread |");
    relays.forEach(c -> out.append(" round ").append(c.round() + 1).append(" |"));
    out.append("\n|---|").append("---:|".repeat(relays.size())).append('\n');
    for (String name : top) {
      out.append("| `").append(name).append("` |");
      relays.forEach(c -> out.append(' ').append(f1(core(c, c.threadCpuNanos().getOrDefault(name, 0L)))).append(" |"));
      out.append('\n');
    }
    out.append("| *all threads, of which in the kernel* |");
    relays.forEach(c -> out.append(' ').append(f1(core(c, c.cost().serverCpuNanos()))).append(", ")
        .append(f1(core(c, c.systemCpuNanos()))).append(" |"));
    out.append('\n');
  }

  /** One summary row: computed from a round's relay and direct cells; judged against {@code aim} when it is one of the issue's. */
  private record Figure(String name, ToDoubleBiFunction<RelayBench.Cell, RelayBench.Cell> value, double aim, boolean judged) {}

  private static RelayBench.Cell find(List<RelayBench.Cell> cells, int round, String target) {
    return cells.stream().filter(c -> c.round() == round && c.target().equals(target)).findFirst().orElse(null);
  }

  private static double up(RelayBench.Cell c, double p) {
    return Percentiles.ms(c.stats().up.sorted(), p);
  }

  private static double down(RelayBench.Cell c, double p) {
    return Percentiles.ms(c.stats().down.sorted(), p);
  }

  /** CPU nanoseconds over the window as % of one core. */
  private static double core(RelayBench.Cell c, double cpuNanos) {
    return cpuNanos / c.windowNanos() * 100;
  }

  private static double perSecond(RelayBench.Cell c, double total) {
    return total / (c.windowNanos() / 1e9);
  }

  private static String f1(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.1f", v);
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.3f", v);
  }
}
