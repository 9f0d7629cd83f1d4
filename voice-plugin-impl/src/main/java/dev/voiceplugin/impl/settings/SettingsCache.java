package dev.voiceplugin.impl.settings;

import dev.voiceplugin.api.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tenants' settings kept in memory for the mint hot path. Entries are dropped when this instance
 * writes, when {@link SettingsChangeListener} hears PostgreSQL announce a change by any instance,
 * and after {@code maxAge} as a last resort should a notification ever be lost.
 */
public final class SettingsCache {
  private record Entry(StoredSettings value, Instant loadedAt, long generation) {}

  private final ConcurrentHashMap<TenantId, Entry> entries = new ConcurrentHashMap<>();
  private final Duration maxAge;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

  public SettingsCache(Duration maxAge, Clock clock) {
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public StoredSettings get(TenantId tenant, Supplier<StoredSettings> loader) {
    Entry e = entries.get(tenant);
    Instant now = clock.instant();
    if (e != null && e.loadedAt.plus(maxAge).isAfter(now)) {
      return e.value;
    }
    long before = generation.get();
    StoredSettings loaded = loader.get();
    // A clear() that raced with the load means the value may be stale: use it once, do not keep it.
    if (before == generation.get()) {
      entries.put(tenant, new Entry(loaded, now, before));
    }
    return loaded;
  }

  public void invalidate(TenantId tenant) {
    generation.incrementAndGet();
    entries.remove(tenant);
  }

  public void clear() {
    generation.incrementAndGet();
    entries.clear();
  }
}
