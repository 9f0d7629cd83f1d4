package dev.voiceplugin.impl.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplugin.api.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DiagnosticsLimiterTest {
  private final MovableClock clock = new MovableClock();
  private final DiagnosticsLimiter limiter = new DiagnosticsLimiter(3, Duration.ofMinutes(1), clock);
  private final TenantId acme = TenantId.parse("acme").orElseThrow();
  private final TenantId globex = TenantId.parse("globex").orElseThrow();

  @Test
  void refusesPastTheLimitUntilTheWindowEndsAndCountsTenantsApart() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire(acme);
    }
    clock.now = clock.now.plusSeconds(20);
    assertThatThrownBy(() -> limiter.acquire(acme))
        .isInstanceOfSatisfying(DiagnosticsRateLimitedException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.code()).isEqualTo("diagnostics_rate_limited");
          assertThat(e.extensions()).containsEntry("retryAfterSeconds", 40L);
        });
    limiter.acquire(globex);

    clock.now = clock.now.plusSeconds(40);
    limiter.acquire(acme);
  }

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-09-01T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
