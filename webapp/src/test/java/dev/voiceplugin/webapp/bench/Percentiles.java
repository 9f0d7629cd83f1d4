package dev.voiceplugin.webapp.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of sorted nanosecond latencies, and medians over rounds. */
final class Percentiles {
  private Percentiles() {}

  static double ms(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
  }

  /** The median, ignoring NaN (a round whose figure is missing); NaN when none is left. */
  static double median(double... values) {
    double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
