package dev.voiceplugin.webapp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The load tool: {@code concurrency} workers each send the next request as soon as the last one
 * answered, for a fixed time after a warm-up; every latency is kept. Bounded in count and time,
 * and it only ever talks to 127.0.0.1.
 *
 * <p>Each run gets its own HttpClient, so no run reuses a connection another run left idle (Node
 * closes idle keep-alive connections after 5 s, and a reused dead connection would count as an error
 * of whichever target comes next).
 */
final class ClosedLoopLoad {
  /** Throughput and latency percentiles of one run; {@code errors} maps a status or exception to its count. */
  record Result(String name, int concurrency, long requests, Map<String, Long> errors, double seconds, long[] sortedNanos) {
    double throughput() {
      return requests / seconds;
    }

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double pMs(double p) {
      return Percentiles.ms(sortedNanos, p);
    }
  }

  /** Called right before and right after the measured window, to read server-side counters. */
  interface Window {
    void started() throws Exception;

    void ended() throws Exception;

    Window NONE = new Window() {
      @Override
      public void started() {}

      @Override
      public void ended() {}
    };
  }

  static void requireLoopback(URI target) {
    if (!"127.0.0.1".equals(target.getHost()) && !"localhost".equals(target.getHost())) {
      throw new IllegalArgumentException("load goes to loopback only, not " + target.getHost());
    }
  }

  /** @param request the next request of worker {@code i} (0 to concurrency-1) */
  Result run(String name, IntFunction<HttpRequest> request, int concurrency, Duration warmup, Duration measure, long maxRequests,
      Window window) throws Exception {
    requireLoopback(request.apply(0).uri());
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    try {
      loop(http, workers, request, concurrency, warmup, maxRequests);
      window.started();
      long started = System.nanoTime();
      List<Worker> perWorker = loop(http, workers, request, concurrency, measure, maxRequests);
      double seconds = (System.nanoTime() - started) / 1e9;
      window.ended();
      Map<String, Long> errors = new TreeMap<>();
      perWorker.forEach(w -> w.errors.forEach((k, v) -> errors.merge(k, v, Long::sum)));
      int n = perWorker.stream().mapToInt(w -> w.n).sum();
      long[] all = new long[n];
      int at = 0;
      for (Worker w : perWorker) {
        System.arraycopy(w.latencies, 0, all, at, w.n);
        at += w.n;
      }
      java.util.Arrays.sort(all);
      return new Result(name, concurrency, n, errors, seconds, all);
    } finally {
      workers.shutdownNow();
    }
  }

  /** One worker's latencies of 200 answers and its errors by status or exception class. */
  private static final class Worker {
    final long[] latencies;
    int n;
    final Map<String, Long> errors = new TreeMap<>();

    Worker(int max) {
      latencies = new long[max];
    }
  }

  private static List<Worker> loop(HttpClient http, ExecutorService workers, IntFunction<HttpRequest> request, int concurrency,
      Duration duration, long maxRequests) throws Exception {
    long deadline = System.nanoTime() + duration.toNanos();
    int perWorkerMax = (int) Math.max(1, maxRequests / concurrency);
    List<Future<Worker>> futures = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      int index = i;
      futures.add(workers.submit(() -> {
        Worker w = new Worker(perWorkerMax);
        int attempts = 0;
        while (System.nanoTime() < deadline && attempts++ < perWorkerMax) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<Void> r = http.send(request.apply(index), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
              w.latencies[w.n++] = System.nanoTime() - t0;
            } else {
              w.errors.merge("HTTP " + r.statusCode(), 1L, Long::sum);
            }
          } catch (java.io.IOException e) {
            w.errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
          }
        }
        return w;
      }));
    }
    List<Worker> results = new ArrayList<>();
    for (Future<Worker> f : futures) {
      results.add(f.get());
    }
    return results;
  }
}
