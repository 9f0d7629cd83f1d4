package dev.voiceplugin.webapp.bench;

import java.util.Map;

/**
 * Reads a target's server-side cost over one measured window: CPU from /proc for the server
 * process (and, for the bench server JVM, its PostgreSQL separately), and allocation from the bench
 * server's stats servlet. Nothing here counts the load generator, which runs in another process.
 */
interface CostMeter {
  /** Per-window totals; NaN where a target has no such figure. */
  record Cost(double serverCpuNanos, double databaseCpuNanos, double heapBytes, double liveThreadBytes, double threadsStarted) {
    static final Cost NONE = new Cost(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Brackets one window; {@link #cost} is valid after the load tool called {@code ended}. */
  interface Window extends ClosedLoopLoad.Window {
    Cost cost(long requests);
  }

  Window window();

  CostMeter NONE = () -> new Window() {
    @Override
    public void started() {}

    @Override
    public void ended() {}

    @Override
    public Cost cost(long requests) {
      return Cost.NONE;
    }
  };

  static CostMeter of(NodeExpress node) {
    return () -> new Window() {
      long cpu0;
      long cpu1;

      @Override
      public void started() {
        cpu0 = node.cpuNanos();
      }

      @Override
      public void ended() {
        cpu1 = node.cpuNanos();
      }

      @Override
      public Cost cost(long requests) {
        return new Cost(cpu1 - cpu0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
    };
  }

  static CostMeter of(ServerProcess server) {
    return () -> new Window() {
      long jvm0;
      long db0;
      long jvm1;
      long db1;
      Map<String, Long> alloc = Map.of();

      @Override
      public void started() throws Exception {
        server.get("/bench/stats?mark=start");
        jvm0 = server.jvmCpuNanos();
        db0 = server.databaseCpuNanos();
      }

      @Override
      public void ended() throws Exception {
        jvm1 = server.jvmCpuNanos();
        db1 = server.databaseCpuNanos();
        alloc = server.get("/bench/stats?mark=end");
      }

      @Override
      public Cost cost(long requests) {
        return new Cost(jvm1 - jvm0, db1 - db0, alloc.getOrDefault("heapBytes", -1L), alloc.getOrDefault("liveThreadBytes", -1L),
            alloc.getOrDefault("threadsStarted", -1L));
      }
    };
  }
}
