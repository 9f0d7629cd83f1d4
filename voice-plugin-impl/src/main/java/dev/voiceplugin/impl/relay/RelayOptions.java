package dev.voiceplugin.impl.relay;

import java.time.Duration;

/**
 * The relay's limits, the same on every container (the plugin enforces them itself rather than
 * rely on Tomcat's 8 KiB or Jetty's 64 KiB defaults). The defaults suit production; tests shorten
 * the times.
 *
 * @param maxMessageBytes the largest browser message (UTF-8); larger closes 1009. A 50 ms audio
 *     append is about 3.2 KiB; typed text is at most a few KiB.
 * @param maxHeldMessages browser messages kept while the provider confirms the session; more closes 4429
 * @param maxBytesPerSecond sustained browser bytes per second (4x real-time PCM16 at 24 kHz in base64); burst 4 s of it
 * @param maxMessagesPerSecond sustained browser messages per second (a 20 ms cadence is 50); burst 2 s of it
 * @param upstreamQueue browser events waiting to be written to the provider; a full queue closes 4429
 * @param browserHighWater queued bytes towards the browser at which the relay stops reading from the provider
 * @param browserLowWater queued bytes at which it reads again
 * @param slowConsumerAfter how long the browser may leave queued data unread before the socket is closed 4430
 * @param readyTimeout how long the provider may take to open and confirm the session (4408 beyond it)
 * @param idleTimeout the browser socket's idle timeout (pings every {@code pingInterval} keep a quiet session open)
 * @param pingInterval how often the relay pings the browser and the provider
 * @param drainTimeout how long a session whose browser left during an answer waits for that answer's usage
 */
public record RelayOptions(int maxMessageBytes, int maxHeldMessages, long maxBytesPerSecond, long maxMessagesPerSecond,
    int upstreamQueue, long browserHighWater, long browserLowWater, Duration slowConsumerAfter, Duration readyTimeout,
    Duration idleTimeout, Duration pingInterval, Duration drainTimeout) {
  public static final RelayOptions DEFAULTS = new RelayOptions(64 * 1024, 64, 4 * 64_000, 200, 128, 1 << 20, 256 * 1024,
      Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(120), Duration.ofSeconds(20), Duration.ofSeconds(5));

  public RelayOptions {
    if (maxMessageBytes < 1024 || maxHeldMessages < 1 || maxBytesPerSecond < 1 || maxMessagesPerSecond < 1
        || upstreamQueue < 1 || browserLowWater < 1 || browserHighWater < browserLowWater) {
      throw new IllegalArgumentException("relay limits must be positive, and the high water mark at least the low");
    }
  }

  public RelayOptions withSlowConsumerAfter(Duration value) {
    return new RelayOptions(maxMessageBytes, maxHeldMessages, maxBytesPerSecond, maxMessagesPerSecond, upstreamQueue,
        browserHighWater, browserLowWater, value, readyTimeout, idleTimeout, pingInterval, drainTimeout);
  }

  public RelayOptions withReadyTimeout(Duration value) {
    return new RelayOptions(maxMessageBytes, maxHeldMessages, maxBytesPerSecond, maxMessagesPerSecond, upstreamQueue,
        browserHighWater, browserLowWater, slowConsumerAfter, value, idleTimeout, pingInterval, drainTimeout);
  }

  public RelayOptions withBrowserWater(long high, long low) {
    return new RelayOptions(maxMessageBytes, maxHeldMessages, maxBytesPerSecond, maxMessagesPerSecond, upstreamQueue,
        high, low, slowConsumerAfter, readyTimeout, idleTimeout, pingInterval, drainTimeout);
  }
}
