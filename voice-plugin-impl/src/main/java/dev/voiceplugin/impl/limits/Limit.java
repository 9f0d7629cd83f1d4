package dev.voiceplugin.impl.limits;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit such as {@code 10/1m}: a token bucket of {@code capacity} tokens refilled smoothly over
 * {@code period}, so at most {@code capacity} per period and a burst of at most {@code capacity}.
 */
public record Limit(long capacity, Duration period) {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{0,6})\\s*(s|m|h)");

  public Limit {
    if (capacity < 1 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
    }
  }

  public static Limit parse(String setting, String value) {
    Matcher m = FORMAT.matcher(value.trim());
    if (!m.matches()) {
      throw new InvalidConfigurationException(setting + " must look like 10/1m, 100/1h or 5/30s, was '" + value + "'");
    }
    long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
    Duration unit = switch (m.group(3)) {
      case "s" -> Duration.ofSeconds(1);
      case "m" -> Duration.ofMinutes(1);
      default -> Duration.ofHours(1);
    };
    return new Limit(Long.parseLong(m.group(1)), unit.multipliedBy(Math.max(1, amount)));
  }

  public double tokensPerSecond() {
    return capacity / (period.toNanos() / 1e9);
  }

  /**
   * How many tokens an instance leases at a time: a twentieth of the bucket, at most 1,000. This is
   * also the most one instance can spend beyond the shared bucket's ideal in any window (see README).
   */
  public int chunk() {
    return (int) Math.max(1, Math.min(1000, capacity / 20));
  }
}
