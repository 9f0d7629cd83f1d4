package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.limits.Limit;
import dev.voiceplugin.impl.limits.LeasedBuckets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per-user and per-tenant limits on voice sessions, shared by every instance through
 * {@link LeasedBuckets}. The user's budget is checked first and the tenant's second, and a token
 * taken from one scope is put back when the other refuses, so one user hitting their own limit
 * never spends the tenant's budget that everyone else shares.
 */
public final class MintRateLimiter {
  private final LeasedBuckets buckets;
  private final Limits limits;

  /** The two limits, parsed from their settings before anything is started. */
  public record Limits(Limit perTenant, Limit perUser) {
    public static Limits parse(String perTenantSetting, String perUserSetting) {
      return new Limits(Limit.parse("VOICE_MINT_LIMIT_PER_TENANT", perTenantSetting),
          Limit.parse("VOICE_MINT_LIMIT_PER_USER", perUserSetting));
    }

    public java.time.Duration longestPeriod() {
      return perTenant.period().compareTo(perUser.period()) >= 0 ? perTenant.period() : perUser.period();
    }
  }

  public MintRateLimiter(LeasedBuckets buckets, Limits limits) {
    this.buckets = buckets;
    this.limits = limits;
  }

  /** Takes one session from the caller's user and tenant budgets, or throws {@link MintRateLimitedException}. */
  public void acquire(Caller caller) {
    String user = "user:" + caller.tenant().value() + ":" + caller.userId();
    long userWait = buckets.tryTake(user, limits.perUser());
    if (userWait > 0) {
      throw new MintRateLimitedException("user", userWait);
    }
    long tenantWait;
    try {
      tenantWait = buckets.tryTake("tenant:" + caller.tenant().value(), limits.perTenant());
    } catch (RuntimeException e) {
      buckets.refund(user);
      throw e;
    }
    if (tenantWait > 0) {
      buckets.refund(user);
      throw new MintRateLimitedException("tenant", tenantWait);
    }
  }

  /** Too many sessions for this tenant or user (429). */
  public static final class MintRateLimitedException extends VoicePluginException {
    MintRateLimitedException(String scope, long waitNanos) {
      super(429, "session_rate_limited", "Too many voice sessions were started " + ("user".equals(scope)
              ? "by you" : "for your organisation") + " recently.",
          "Wait " + seconds(waitNanos) + " s and try again." + ("tenant".equals(scope)
              ? " If this happens often, ask the platform team for a higher limit." : ""),
          Map.of("retryAfterSeconds", seconds(waitNanos), "scope", scope), null);
    }

    private static long seconds(long nanos) {
      return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
    }
  }
}
