package dev.voiceplugin.webapp.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Bench-only, in the bench server JVM: {@code GET /bench/stats?mark=start|end} brackets a measured
 * window and answers what was allocated in it; {@code GET /bench/pool} counts the plugin's
 * connections in {@code pg_stat_activity} by state (the plugin does not export Hikari's metrics);
 * {@code GET /bench/heap} collects garbage and answers the heap still in use and the live threads
 * (what open sessions hold). Answers are {@code key=value} lines.
 */
final class BenchStatsServlet extends HttpServlet {
  private final transient com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final String jdbcUrl;
  private long heapAtStart;
  private long startedAtStart;
  private int liveAtStart;
  private Map<Long, Long> threadBytesAtStart = Map.of();

  BenchStatsServlet(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  @Override
  protected synchronized void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    StringBuilder out = new StringBuilder();
    try {
      if (req.getRequestURI().endsWith("/pool")) {
        pool(out);
      } else if (req.getRequestURI().endsWith("/heap")) {
        heapAfterGc(out);
      } else if ("start".equals(req.getParameter("mark"))) {
        threadBytesAtStart = threadBytes();
        startedAtStart = threads.getTotalStartedThreadCount();
        liveAtStart = threads.getThreadCount();
        heapAtStart = HeapAllocation.allocatedBytes();
      } else {
        long heap = HeapAllocation.allocatedBytes() - heapAtStart;
        // Only threads alive at the end: a thread that died in the window took its count with it.
        long live = 0;
        for (var e : threadBytes().entrySet()) {
          live += e.getValue() - threadBytesAtStart.getOrDefault(e.getKey(), 0L);
        }
        long started = threads.getTotalStartedThreadCount() - startedAtStart;
        out.append("heapBytes=").append(heap).append('\n').append("liveThreadBytes=").append(live).append('\n')
            .append("threadsStarted=").append(started).append('\n')
            .append("threadsEnded=").append(started - (threads.getThreadCount() - liveAtStart)).append('\n');
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      resp.sendError(503);
      return;
    } catch (SQLException e) {
      out.append("error=").append(e.getMessage().replace('\n', ' ')).append('\n');
    }
    resp.setContentType("text/plain");
    resp.getWriter().write(out.toString());
  }

  /**
   * Three full collections a little apart (so that what reference queues release is gone too), and
   * the heap as the last one left it, read from that collection's own record: the sessions keep
   * allocating megabytes a second, so the heap read a moment later would count their fresh garbage.
   */
  private void heapAfterGc(StringBuilder out) throws InterruptedException {
    long live = -1;
    for (int i = 0; i < 3; i++) {
      Thread.sleep(200);
      long before = System.currentTimeMillis();
      System.gc();
      live = usedAfterLastFullGc(before);
    }
    out.append("heapUsed=").append(live).append('\n').append("threads=").append(threads.getThreadCount()).append('\n');
  }

  /**
   * The heap pools' use as the full collection begun at or after {@code sinceMillis} left them
   * (G1 counts a {@code System.gc()} under "G1 Old Generation"; a young collection right after it
   * would already hold new garbage). Falls back to the heap in use now.
   */
  private static long usedAfterLastFullGc(long sinceMillis) {
    long startOfJvm = ManagementFactory.getRuntimeMXBean().getStartTime();
    java.util.Set<String> heapPools = new java.util.HashSet<>();
    ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
        .forEach(p -> heapPools.add(p.getName()));
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      com.sun.management.GcInfo info = ((com.sun.management.GarbageCollectorMXBean) gc).getLastGcInfo();
      if (info != null && !gc.getName().contains("Young") && startOfJvm + info.getStartTime() >= sinceMillis - 1) {
        return info.getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
            .mapToLong(e -> e.getValue().getUsed()).sum();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private Map<Long, Long> threadBytes() {
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> map = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        map.put(ids[i], bytes[i]);
      }
    }
    return map;
  }

  private void pool(StringBuilder out) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT coalesce(state, 'none'), count(*) FROM pg_stat_activity WHERE application_name = 'voice-plugin' GROUP BY 1")) {
      int total = 0;
      while (rs.next()) {
        out.append("state.").append(rs.getString(1).replace(' ', '_')).append('=').append(rs.getInt(2)).append('\n');
        total += rs.getInt(2);
      }
      out.append("connections=").append(total).append('\n');
    }
  }
}
