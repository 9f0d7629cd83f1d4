package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.api.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A light per-tenant brake on connection tests: each one costs up to three provider calls,
 * including a real mint. Kept in memory per plugin instance, unlike the mint limits in PostgreSQL:
 * a test is an administrator's click, and a few more across instances do no harm.
 */
final class DiagnosticsLimiter {
  /** Tenants remembered before expired windows are swept; one entry is a few dozen bytes. */
  private static final int SWEEP_ABOVE = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<TenantId, Window> windows = new ConcurrentHashMap<>();

  DiagnosticsLimiter(int limit, Duration window, Clock clock) {
    if (limit < 1 || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("a limit needs a positive count and window");
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one test for {@code tenant}, or throws {@link DiagnosticsRateLimitedException}. */
  void acquire(TenantId tenant) {
    Instant now = clock.instant();
    Window current = windows.compute(tenant, (t, old) ->
        old == null || !now.isBefore(old.end()) ? new Window(now.plus(window), 1) : new Window(old.end(), old.count() + 1));
    if (windows.size() > SWEEP_ABOVE) {
      windows.values().removeIf(w -> !now.isBefore(w.end()));
    }
    if (current.count() > limit) {
      long millis = Duration.between(now, current.end()).toMillis();
      throw new DiagnosticsRateLimitedException(Math.max(1, (millis + 999) / 1000));
    }
  }

  private record Window(Instant end, int count) {}
}
