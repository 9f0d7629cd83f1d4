package dev.voiceplugin.impl.session;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A limit such as {@code 10/1m}: at most {@code count} mints per {@code period}, refilled smoothly. */
public record RateLimit(long count, Duration period) {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{0,6})\\s*(s|m|h)");

  public RateLimit {
    if (count < 1 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("a rate limit needs a positive count and period");
    }
  }

  public static RateLimit parse(String setting, String value) {
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
    return new RateLimit(Long.parseLong(m.group(1)), unit.multipliedBy(Math.max(1, amount)));
  }
}
