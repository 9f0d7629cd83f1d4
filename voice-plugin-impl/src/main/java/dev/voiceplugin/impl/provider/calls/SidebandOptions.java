package dev.voiceplugin.impl.provider.calls;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of every sideband a {@link RealtimeCallProvider} opens. The defaults suit production;
 * tests shorten the intervals.
 *
 * @param pingInterval how often to ping the provider (the JDK never pings by itself; agents-python uses 20 s)
 * @param connectTimeout how long the opening handshake may take (a wrong call id takes ~5.5 s to be refused)
 * @param maxQueuedEvents sends waiting to be written; beyond this {@link Sideband#send} fails at once
 * @param maxEventBytes the largest server event accepted (UTF-8); a larger one closes the socket with 1009
 * @param closeGrace how long to wait for the provider to answer our close before dropping the connection
 */
public record SidebandOptions(Duration pingInterval, Duration connectTimeout, int maxQueuedEvents, int maxEventBytes,
    Duration closeGrace) {
  public static final SidebandOptions DEFAULTS =
      new SidebandOptions(Duration.ofSeconds(20), Duration.ofSeconds(15), 256, 1 << 20, Duration.ofSeconds(5));

  public SidebandOptions {
    requirePositive(pingInterval, "pingInterval");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(closeGrace, "closeGrace");
    if (maxQueuedEvents < 1 || maxEventBytes < 1024) {
      throw new IllegalArgumentException("maxQueuedEvents must be positive and maxEventBytes at least 1 KiB");
    }
  }

  public SidebandOptions withPingInterval(Duration value) {
    return new SidebandOptions(value, connectTimeout, maxQueuedEvents, maxEventBytes, closeGrace);
  }

  public SidebandOptions withMaxQueuedEvents(int value) {
    return new SidebandOptions(pingInterval, connectTimeout, value, maxEventBytes, closeGrace);
  }

  public SidebandOptions withMaxEventBytes(int value) {
    return new SidebandOptions(pingInterval, connectTimeout, maxQueuedEvents, value, closeGrace);
  }

  public SidebandOptions withCloseGrace(Duration value) {
    return new SidebandOptions(pingInterval, connectTimeout, maxQueuedEvents, maxEventBytes, value);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
