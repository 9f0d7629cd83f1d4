package dev.voiceplugin.webapp.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The latencies of one measured window, each way, and the generator's own pacing error. Samples
 * are taken only while {@link #recording}; they go into arrays sized for the window up front, so
 * recording allocates nothing and takes no lock (a sample past the end is counted, not kept).
 */
final class FrameStats {
  /** Nanosecond samples of one kind; thread-safe, lock-free. */
  static final class Samples {
    private final long[] values;
    private final AtomicInteger next = new AtomicInteger();
    private long[] sorted;

    Samples(int capacity) {
      values = new long[capacity];
    }

    void add(long nanos) {
      int i = next.getAndIncrement();
      if (i < values.length) {
        values[i] = nanos;
      }
    }

    int count() {
      return next.get();
    }

    /** Sorted copy of what was kept; call after the window ended (it is kept from the first call on). */
    synchronized long[] sorted() {
      if (sorted == null) {
        sorted = Arrays.copyOf(values, Math.min(values.length, next.get()));
        Arrays.sort(sorted);
      }
      return sorted;
    }
  }

  private volatile boolean recording;
  final Samples up;
  final Samples down;
  final Samples pacing;

  FrameStats(int capacity) {
    up = new Samples(capacity);
    down = new Samples(capacity);
    pacing = new Samples(capacity);
  }

  void start() {
    recording = true;
  }

  void stop() {
    recording = false;
  }

  /** Browser to provider: an append arrived {@code nanos} after it was sent. */
  void up(long nanos) {
    if (recording) {
      up.add(nanos);
    }
  }

  /** Provider to browser: a delta arrived {@code nanos} after it was sent. */
  void down(long nanos) {
    if (recording) {
      down.add(nanos);
    }
  }

  /** A browser sent a frame {@code nanos} after it was due (the generator's own lag). */
  void late(long nanos) {
    if (recording) {
      pacing.add(nanos);
    }
  }
}
