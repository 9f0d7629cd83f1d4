package dev.voiceplugin.webapp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The load tool: {@code concurrency} workers each send the next request as soon as the last one
 * answered, for a fixed time after a warm-up; every latency is kept. Bounded in count and time,
 * and it only ever talks to 127.0.0.1.
 */
final class ClosedLoopLoad {
  /** Throughput and latency percentiles of one run. */
  record Result(String name, long requests, long errors, double seconds, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    double throughput() {
      return requests / seconds;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** @param request the next request of worker {@code i} (0 to concurrency-1) */
  Result run(String name, IntFunction<HttpRequest> request, int concurrency, Duration warmup, Duration measure, long maxRequests)
      throws Exception {
    URI target = request.apply(0).uri();
    if (!"127.0.0.1".equals(target.getHost()) && !"localhost".equals(target.getHost())) {
      throw new IllegalArgumentException("load goes to loopback only, not " + target.getHost());
    }
    loop(request, concurrency, warmup, maxRequests);
    long started = System.nanoTime();
    List<long[]> perWorker = loop(request, concurrency, measure, maxRequests);
    double seconds = (System.nanoTime() - started) / 1e9;
    long errors = perWorker.stream().mapToLong(w -> w[0]).sum();
    long[] all = perWorker.stream().flatMapToLong(w -> Arrays.stream(w, 1, w.length)).filter(v -> v > 0).sorted().toArray();
    return new Result(name, all.length, errors, seconds, pct(all, 50), pct(all, 90), pct(all, 99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
  }

  private List<long[]> loop(IntFunction<HttpRequest> request, int concurrency, Duration duration, long maxRequests) throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    long deadline = System.nanoTime() + duration.toNanos();
    long perWorkerMax = maxRequests / concurrency;
    List<Future<long[]>> futures = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      int worker = i;
      futures.add(workers.submit(() -> {
        long[] latencies = new long[(int) perWorkerMax + 1]; // [0] counts errors
        int n = 1;
        while (System.nanoTime() < deadline && n < latencies.length) {
          long t0 = System.nanoTime();
          HttpResponse<Void> r = http.send(request.apply(worker), HttpResponse.BodyHandlers.discarding());
          long took = System.nanoTime() - t0;
          if (r.statusCode() == 200) {
            latencies[n++] = took;
          } else {
            latencies[0]++;
          }
        }
        return Arrays.copyOf(latencies, n);
      }));
    }
    List<long[]> results = new ArrayList<>();
    for (Future<long[]> f : futures) {
      results.add(f.get());
    }
    workers.shutdown();
    return results;
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
