package dev.voiceplugin.impl.calls;

import dev.voiceplugin.impl.usage.UsageStore;
import java.time.Instant;

/**
 * A call as the REST API shows it. {@code estimatedCost} is null without a price for its model;
 * {@code provider} says how it bills (the GPT-Live providers by the second, the others by the token).
 */
public record CallView(String id, String userId, String status, Instant startedAt, Instant endsAt, Instant endedAt,
    String endReason, Usage usage, Double estimatedCost, String currency, String provider, String transport) {

  /**
   * Tokens (Realtime; GPT-Live's delegated backend requests) and billed session seconds (GPT-Live).
   *
   * @param standbySeconds the part of {@code sessionSeconds} at GPT-Live's standby rate, where the provider reported it
   */
  public record Usage(long inputTokens, long outputTokens, long totalTokens, double sessionSeconds, double standbySeconds) {}

  static CallView of(CallRecord call, UsageStore.Totals totals) {
    return new CallView(call.id().toString(), call.userId(), call.active() ? "active" : "ended", call.startedAt(), call.endsAt(),
        call.endedAt().orElse(null), call.endReason().orElse(null),
        new Usage(totals.inputTokens(), totals.outputTokens(), totals.totalTokens(), totals.sessionSeconds(),
            totals.standbySeconds()), totals.estimatedCost().orElse(null), "USD", call.provider(), call.transport());
  }
}
