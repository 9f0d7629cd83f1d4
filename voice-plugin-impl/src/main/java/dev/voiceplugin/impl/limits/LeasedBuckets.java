package dev.voiceplugin.impl.limits;

import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.db.DatabaseBusyException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets shared by every instance through {@link BudgetStore}, spent here in memory: an
 * instance leases a chunk of a bucket ({@link Limit#chunk()}) in one statement, spends it without
 * touching the database, and leases the next chunk in the background before it runs out. Tokens
 * held longer than the lease lifetime are given back, so a quiet instance does not sit on a budget.
 *
 * <p>Owns two small thread pools (leases, sweeping) and a bounded map of buckets; {@link #close}
 * gives every held token back and stops both.
 */
public final class LeasedBuckets implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeasedBuckets.class);
  // Long enough that a steady but slow user (a few mints a minute) rarely finds its lease stale and
  // waits for a new one; short enough that a quiet instance gives its share back soon.
  static final Duration LEASE_TTL = Duration.ofSeconds(30);
  private static final int MAX_BUCKETS = 50_000;
  private static final long WAIT_FOR_LEASE_SECONDS = 15;

  private final BudgetStore store;
  private final Runnable onRequestPath;
  private final Duration purgeAge;
  private final Map<String, LeasedBucket> buckets = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor leases;
  private final ScheduledExecutorService sweeper;
  private final long ttlNanos = LEASE_TTL.toNanos();
  private long lastPurge = System.nanoTime();

  public LeasedBuckets(BudgetStore store, Duration longestPeriod) {
    this(store, longestPeriod, () -> {});
  }

  /** @param onRequestPath called each time a caller has to wait for a lease (a metric) */
  public LeasedBuckets(BudgetStore store, Duration longestPeriod, Runnable onRequestPath) {
    this.store = store;
    this.onRequestPath = onRequestPath;
    this.purgeAge = longestPeriod.plusMinutes(1);
    AtomicInteger n = new AtomicInteger();
    this.leases = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_BUCKETS + 100), r -> {
      Thread t = new Thread(r, "voice-plugin-limits-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "voice-plugin-limits-sweeper");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Spends one token of bucket {@code id}; waits only when this instance holds none and must lease.
   *
   * @return 0 when a token was spent, else how long until one can be (nanoseconds, at least 1)
   * @throws VoicePluginException when the database cannot be asked (busy or unavailable)
   */
  public long tryTake(String id, Limit limit) {
    for (int attempt = 0; attempt < 3; attempt++) {
      long now = System.nanoTime();
      LeasedBucket.Take take = bucket(id, limit, now).tryTake(now, ttlNanos, limit.chunk() >= 4);
      if (take.taken()) {
        return 0;
      }
      if (take.lease() == null) {
        return Math.max(1, take.retryAfterNanos());
      }
      onRequestPath.run();
      await(take.lease());
    }
    return TimeUnit.SECONDS.toNanos(1); // others took every token this instance leased meanwhile
  }

  /** Puts back a token of {@code id} that was taken but not used. */
  public void refund(String id) {
    LeasedBucket bucket = buckets.get(id);
    if (bucket != null) {
      bucket.refund();
    }
  }

  /** Tokens this instance holds for {@code id} (for tests and metrics). */
  public int held(String id) {
    LeasedBucket bucket = buckets.get(id);
    return bucket == null ? 0 : bucket.held();
  }

  private LeasedBucket bucket(String id, Limit limit, long now) {
    LeasedBucket known = buckets.get(id);
    if (known != null) {
      return known;
    }
    if (buckets.size() >= MAX_BUCKETS) {
      // Full: this key gets a bucket of its own that is not kept and leases one token at a time.
      return new LeasedBucket(id, limit, this::single, now);
    }
    return buckets.computeIfAbsent(id, k -> new LeasedBucket(k, limit, this::lease, now));
  }

  private CompletableFuture<Void> lease(LeasedBucket bucket, boolean caller) {
    return submit(bucket, bucket.limit.chunk());
  }

  private CompletableFuture<Void> single(LeasedBucket bucket, boolean caller) {
    return submit(bucket, 1);
  }

  private CompletableFuture<Void> submit(LeasedBucket bucket, int wanted) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      leases.execute(() -> {
        try {
          BudgetStore.Grant grant = store.lease(bucket.id, bucket.limit, wanted);
          bucket.leased(grant.granted(), grant.left(), System.nanoTime());
          done.complete(null);
        } catch (RuntimeException e) {
          bucket.leaseFailed();
          done.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      bucket.leaseFailed();
      done.completeExceptionally(new DatabaseBusyException(e));
    }
    return done;
  }

  private static void await(CompletableFuture<Void> lease) {
    try {
      lease.get(WAIT_FOR_LEASE_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new DatabaseBusyException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseBusyException(e);
    }
  }

  /** Gives back stale tokens, forgets idle buckets, and now and then deletes long-full rows. */
  void sweep() {
    long now = System.nanoTime();
    long idleCutoff = now - 2 * ttlNanos;
    try {
      for (LeasedBucket bucket : buckets.values()) {
        int stale = bucket.takeStale(now, ttlNanos);
        if (stale > 0) {
          store.giveBack(bucket.id, bucket.limit, stale);
        }
        if (bucket.idleSince(idleCutoff)) {
          buckets.remove(bucket.id, bucket);
        }
      }
      if (now - lastPurge > TimeUnit.MINUTES.toNanos(5)) {
        lastPurge = now;
        store.purgeOlderThan(purgeAge);
      }
    } catch (RuntimeException e) {
      // The database is down or busy: tokens not given back just refill; try again next round.
      log.debug("voice-plugin rate-limit sweep skipped: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    leases.shutdownNow();
    try {
      for (LeasedBucket bucket : buckets.values()) {
        int held = bucket.takeAll();
        if (held > 0) {
          store.giveBack(bucket.id, bucket.limit, held);
        }
      }
    } catch (RuntimeException e) {
      log.info("voice-plugin could not give back leased rate-limit tokens at shutdown (they refill): {}", e.getMessage());
    }
    buckets.clear();
  }
}
