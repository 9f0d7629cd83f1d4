package dev.voiceplugin.webapp.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixed-rate load: request {@code i} is due at {@code start + i / rate} whether or not earlier ones
 * have answered, and its latency counts from when it was due, so a stall shows as the queue it
 * causes (no coordinated omission). Bounded by time and by {@code maxInFlight}: a request due while
 * that many are outstanding is not sent and counts as an error.
 */
final class OpenLoopLoad {
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

  record Result(long sent, long ok, Map<String, Long> errors, long[] sortedNanos, double seconds) {
    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Map<String, Long> errors = new TreeMap<>();
  private long[] latencies;
  private final AtomicInteger ok = new AtomicInteger();

  Result run(IntFunction<HttpRequest> request, double ratePerSecond, Duration duration, int maxInFlight, Duration progressEvery)
      throws Exception {
    ClosedLoopLoad.requireLoopback(request.apply(0).uri());
    long total = (long) Math.floor(ratePerSecond * duration.toSeconds());
    if (total > 50_000_000) {
      throw new IllegalArgumentException("too many requests for one soak: " + total);
    }
    latencies = new long[(int) total];
    ExecutorService callbacks = Executors.newFixedThreadPool(2);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks).build();
    Semaphore inFlight = new Semaphore(maxInFlight);
    long intervalNanos = (long) (1e9 / ratePerSecond);
    long start = System.nanoTime();
    long nextProgress = start + progressEvery.toNanos();
    long sent = 0;
    try {
      for (int i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        if (!inFlight.tryAcquire()) {
          error("not sent: " + maxInFlight + " requests outstanding");
          continue;
        }
        sent++;
        int slot = i;
        http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()).whenComplete((r, failure) -> {
          long took = System.nanoTime() - due;
          try {
            if (failure != null) {
              error(failure.getClass().getSimpleName());
            } else if (r.statusCode() == 200) {
              latencies[slot] = took;
              ok.incrementAndGet();
            } else {
              Matcher m = CODE.matcher(r.body());
              error("HTTP " + r.statusCode() + (m.find() ? " " + m.group(1) : ""));
            }
          } finally {
            inFlight.release(); // after counting: the end of the run waits on these permits, then reads the counts
          }
        });
        if (System.nanoTime() > nextProgress) {
          nextProgress += progressEvery.toNanos();
          System.out.printf("soak: %.0f s, %d sent, %d ok, errors %s%n", (System.nanoTime() - start) / 1e9, sent, ok.get(), errorsNow());
        }
      }
      // Let the last requests answer; whatever has not after 30 s is an error.
      if (!inFlight.tryAcquire(maxInFlight, 30, TimeUnit.SECONDS)) {
        synchronized (this) {
          errors.merge("no answer 30 s after the last request was sent", (long) (maxInFlight - inFlight.availablePermits()), Long::sum);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] sorted;
      synchronized (this) {
        sorted = Arrays.stream(latencies).filter(v -> v > 0).sorted().toArray();
        return new Result(sent, ok.get(), new TreeMap<>(errors), sorted, seconds);
      }
    } finally {
      callbacks.shutdownNow();
    }
  }

  private synchronized void error(String kind) {
    errors.merge(kind, 1L, Long::sum);
  }

  private synchronized Map<String, Long> errorsNow() {
    return new TreeMap<>(errors);
  }
}
