package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.db.Database;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Per-tenant and per-user mint limits kept by Bucket4j in PostgreSQL, so every plugin instance
 * sharing the database enforces the same budget. A rejected mint is a 429 with Retry-After.
 */
public final class MintRateLimiter {
  private final ProxyManager<String> buckets;
  private final Supplier<BucketConfiguration> perTenant;
  private final Supplier<BucketConfiguration> perUser;
  private final Database database;
  private static final int MAX_CACHED_PROXIES = 10_000;
  private final ConcurrentHashMap<String, BucketProxy> proxies = new ConcurrentHashMap<>();

  /** The two limits, parsed from their settings before anything is started. */
  public record Limits(RateLimit perTenant, RateLimit perUser) {
    public static Limits parse(String perTenantSetting, String perUserSetting) {
      return new Limits(RateLimit.parse("VOICE_MINT_LIMIT_PER_TENANT", perTenantSetting),
          RateLimit.parse("VOICE_MINT_LIMIT_PER_USER", perUserSetting));
    }
  }

  public MintRateLimiter(Database database, Limits limits) {
    this.database = database;
    this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(database.dataSource())
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table(database.schema() + ".voice_rate_limit_buckets")
        .idColumn("id")
        .stateColumn("state")
        .build();
    BucketConfiguration tenant = configuration(limits.perTenant());
    BucketConfiguration user = configuration(limits.perUser());
    this.perTenant = () -> tenant;
    this.perUser = () -> user;
  }

  /** Takes one mint from the caller's tenant and user budgets, or throws {@link MintRateLimitedException}. */
  public void acquire(Caller caller) {
    try {
      check(bucket("tenant:" + caller.tenant().value(), perTenant).tryConsumeAndReturnRemaining(1), "tenant");
      check(bucket("user:" + caller.tenant().value() + ":" + caller.userId(), perUser).tryConsumeAndReturnRemaining(1), "user");
    } catch (VoicePluginException e) {
      throw e;
    } catch (RuntimeException e) {
      database.connection(); // throws database_unavailable when that is the cause
      throw e;
    }
  }

  /**
   * One proxy per bucket, kept rather than rebuilt per request. (Bucket4j 8.14's batching
   * optimization failed here with "Bucket does not exist" for a new bucket, so it is not used.)
   * The map is bounded; dropping it only costs the next request a fresh proxy.
   */
  private BucketProxy bucket(String key, Supplier<BucketConfiguration> configuration) {
    if (proxies.size() > MAX_CACHED_PROXIES) {
      proxies.clear();
    }
    return proxies.computeIfAbsent(key, k -> buckets.builder().build(k, configuration));
  }

  private static void check(ConsumptionProbe probe, String scope) {
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
      throw new MintRateLimitedException(scope, seconds);
    }
  }

  private static BucketConfiguration configuration(RateLimit limit) {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(limit.count()).refillGreedy(limit.count(), limit.period()).build())
        .build();
  }

  /** Too many mints for this tenant or user (429). */
  public static final class MintRateLimitedException extends VoicePluginException {
    MintRateLimitedException(String scope, long retryAfterSeconds) {
      super(429, "session_rate_limited", "Too many voice sessions were started for this " + scope + " recently.",
          "Wait " + retryAfterSeconds + " s and try again; the platform team can raise VOICE_MINT_LIMIT_PER_"
              + scope.toUpperCase(java.util.Locale.ROOT) + ".",
          Map.of("retryAfterSeconds", retryAfterSeconds, "scope", scope), null);
    }
  }
}
