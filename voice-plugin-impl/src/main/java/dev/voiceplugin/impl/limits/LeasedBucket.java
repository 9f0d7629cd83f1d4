package dev.voiceplugin.impl.limits;

import java.util.concurrent.CompletableFuture;

/**
 * One key's share of a shared bucket, held by this instance: tokens leased from PostgreSQL and not
 * spent yet. Spending is a synchronized decrement; the bucket asks its owner for a new lease when
 * it runs low (in the background) or empty (the caller waits for that one lease). After a refusal
 * the store is not asked again until a token can have refilled, so a flood costs no statements.
 */
final class LeasedBucket {
  /** Outcome of {@link #tryTake}: taken, refused with a wait, or "lease first". */
  record Take(boolean taken, long retryAfterNanos, CompletableFuture<Void> lease) {
    static final Take TAKEN = new Take(true, 0, null);
  }

  interface Leaser {
    /** Starts (or joins) a lease for this bucket; completes when its tokens were added. */
    CompletableFuture<Void> lease(LeasedBucket bucket, boolean caller);
  }

  final String id;
  final Limit limit;
  private final Leaser leaser;
  private int tokens;
  private long leasedAtNanos;
  private long refusedUntilNanos;
  private long lastUsedNanos;
  private CompletableFuture<Void> leasing;
  private int unreturned;

  LeasedBucket(String id, Limit limit, Leaser leaser, long now) {
    this.id = id;
    this.limit = limit;
    this.leaser = leaser;
    this.lastUsedNanos = now;
  }

  /** Spends one token if this instance holds one. */
  synchronized Take tryTake(long now, long leaseTtlNanos, boolean prefetch) {
    lastUsedNanos = now;
    if (tokens > 0 && now - leasedAtNanos > leaseTtlNanos) {
      unreturned += tokens; // stale: the sweeper gives them back, this take leases fresh ones
      tokens = 0;
    }
    if (tokens > 0) {
      tokens--;
      if (prefetch && tokens <= limit.chunk() / 4) {
        startLease(false);
      }
      return Take.TAKEN;
    }
    if (now < refusedUntilNanos) {
      return new Take(false, refusedUntilNanos - now, null);
    }
    return new Take(false, 0, startLease(true));
  }

  /** Puts back a token this instance took but did not use (the other scope refused). */
  synchronized void refund() {
    tokens++;
  }

  private CompletableFuture<Void> startLease(boolean caller) {
    if (leasing == null) {
      leasing = leaser.lease(this, caller);
    }
    return leasing;
  }

  /** A lease came back: add its tokens, or remember until when the shared bucket is empty. */
  synchronized void leased(int granted, double left, long now) {
    leasing = null;
    if (granted > 0) {
      leasedAtNanos = now; // the at most chunk/4 older tokens left count as fresh: bounded, see Limit.chunk
      tokens += granted;
      refusedUntilNanos = 0;
    } else {
      // The shared bucket refills one token after (1 - left) / rate seconds; do not ask before.
      double seconds = Math.max(0, 1 - left) / limit.tokensPerSecond();
      refusedUntilNanos = now + (long) Math.ceil(seconds * 1e9);
    }
  }

  synchronized void leaseFailed() {
    leasing = null;
  }

  /** Removes and returns tokens held past the lease's lifetime; the owner gives them back. */
  synchronized int takeStale(long now, long leaseTtlNanos) {
    if (tokens > 0 && leasing == null && now - leasedAtNanos > leaseTtlNanos) {
      unreturned += tokens;
      tokens = 0;
    }
    int stale = unreturned;
    unreturned = 0;
    return stale;
  }

  /** Removes and returns every held token (at shutdown). */
  synchronized int takeAll() {
    int all = tokens + unreturned;
    tokens = 0;
    unreturned = 0;
    return all;
  }

  synchronized boolean idleSince(long cutoff) {
    return tokens == 0 && unreturned == 0 && leasing == null && lastUsedNanos < cutoff;
  }

  synchronized int held() {
    return tokens;
  }
}
