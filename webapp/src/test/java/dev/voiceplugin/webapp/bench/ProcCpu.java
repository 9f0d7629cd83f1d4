package dev.voiceplugin.webapp.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CPU time of processes from {@code /proc/<pid>/stat} (Linux), in nanoseconds. */
final class ProcCpu {
  private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicks();

  private ProcCpu() {}

  /** utime + stime of the process itself (all its threads, GC and JIT included). */
  static long own(long pid) {
    long[] f = fields(pid);
    return f == null ? 0 : (f[11] + f[12]) * NANOS_PER_TICK;
  }

  /**
   * Everything the process and its descendants used: live ones' utime + stime plus what reaped
   * children left in their parents' cutime + cstime (PostgreSQL's exited backends).
   */
  static long tree(long pid) {
    Map<Long, List<Long>> children = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path p : procs) {
        long child = Long.parseLong(p.getFileName().toString());
        long[] f = fields(child);
        if (f != null) {
          children.computeIfAbsent(f[1], k -> new ArrayList<>()).add(child);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    long total = 0;
    ArrayDeque<Long> todo = new ArrayDeque<>(List.of(pid));
    while (!todo.isEmpty()) {
      long p = todo.pop();
      long[] f = fields(p);
      if (f != null) {
        total += f[11] + f[12] + f[13] + f[14];
      }
      todo.addAll(children.getOrDefault(p, List.of()));
    }
    return total * NANOS_PER_TICK;
  }

  /**
   * CPU of each live thread of {@code pid} by thread name, digits folded ({@code qtp123-45} is
   * {@code qtpN-N}), so two snapshots tell which kind of thread spent a window's CPU. A thread that
   * ended between the snapshots takes its time with it.
   */
  static Map<String, Long> byThread(long pid) {
    Map<String, Long> out = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK, Long::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended while we read
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /** utime and stime of the process apart, ns: how much of its CPU is the kernel's (socket I/O, wake-ups). */
  static long[] userSystem(long pid) {
    long[] f = fields(pid);
    return f == null ? new long[2] : new long[] {f[11] * NANOS_PER_TICK, f[12] * NANOS_PER_TICK};
  }

  /** Fields from state on (index 0 = state, 1 = ppid, 11 = utime, 12 = stime, 13/14 = cutime/cstime); null if gone. */
  private static long[] fields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] parts = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long[] out = new long[15];
      for (int i = 1; i < out.length; i++) {
        out[i] = Long.parseLong(parts[i]);
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (Exception e) {
      return 100;
    }
  }
}
