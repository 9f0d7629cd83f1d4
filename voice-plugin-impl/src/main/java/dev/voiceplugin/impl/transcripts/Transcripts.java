package dev.voiceplugin.impl.transcripts;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.db.Database;
import dev.voiceplugin.impl.settings.TranscriptSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transcript storage: starts a call's {@link CallTranscript} when its tenant keeps transcripts,
 * serves the stored ones to the tenant's admins, and purges those past their retention (once at
 * start, then hourly) on a thread of its own. Owns the writer and the purge thread; {@link #close}
 * stops both.
 */
public final class Transcripts implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Transcripts.class);
  static final Duration PURGE_EVERY = Duration.ofHours(1);

  private final TranscriptWriter writer;
  private final TranscriptStore store;
  private final Clock clock;
  private final ScheduledExecutorService purger;

  public Transcripts(Database database, TranscriptWriter writer, Clock clock) {
    this.writer = writer;
    this.store = new TranscriptStore(database);
    this.clock = clock;
    this.purger = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "voice-plugin-transcript-purge");
      t.setDaemon(true);
      return t;
    });
  }

  /** Schedules the purge: now, then every hour. */
  public void start() {
    purger.scheduleWithFixedDelay(this::purgeQuietly, 0, PURGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The transcript of a call that starts now, or {@link CallTranscript#NONE} when its settings do
   * not keep one; the retention is fixed here.
   */
  public CallTranscript begin(UUID callId, String tenantId, String userId, String transport, Instant startedAt,
      TranscriptSettings settings) {
    if (!settings.store()) {
      return CallTranscript.NONE;
    }
    writer.offer(new TranscriptOp.Start(callId, tenantId, userId, transport, startedAt,
        startedAt.plus(Duration.ofDays(settings.retentionDays()))));
    return new CallTranscript(callId, writer, CallTranscript.MAX_LINES, CallTranscript.MAX_CHARS, 0, 0, false);
  }

  /**
   * The transcript of a call this instance takes over: it goes on where the stopped instance left
   * it (numbering and caps), and only if the call's transcript was kept from its start.
   */
  public CallTranscript resume(UUID callId) {
    try {
      return store.progress(callId).map(p -> new CallTranscript(callId, writer, CallTranscript.MAX_LINES, CallTranscript.MAX_CHARS,
          p.lastSeq(), p.chars(), p.truncated())).orElse(CallTranscript.NONE);
    } catch (RuntimeException e) {
      log.warn("voice-plugin could not look up the transcript of call {}; it is not kept on this instance: {}", callId,
          e.getMessage());
      return CallTranscript.NONE;
    }
  }

  /** A page of the admin's tenant's transcripts, newest first. */
  public record Page(List<TranscriptSummary> items, String nextCursor) {
    public Page {
      items = List.copyOf(items);
    }
  }

  public Page list(Caller admin, int limit, Optional<String> cursor) {
    Optional<TranscriptCursor> before = cursor.map(c -> TranscriptCursor.decode(c).orElseThrow(TranscriptException::badCursor));
    flushQuietly();
    List<TranscriptSummary> rows = store.list(admin.tenant().value(), before, limit + 1);
    boolean more = rows.size() > limit;
    List<TranscriptSummary> page = more ? rows.subList(0, limit) : rows;
    String next = more ? new TranscriptCursor(page.get(limit - 1).startedAt(), page.get(limit - 1).callId()).encode() : null;
    return new Page(page, next);
  }

  /** The admin's tenant's transcript of {@code callId}; another tenant's is "not found" too. */
  public Transcript find(Caller admin, String callId) {
    UUID id = parse(callId);
    flushQuietly();
    return store.find(admin.tenant().value(), id).orElseThrow(TranscriptException::notFound);
  }

  /** Deletes it and records who did, when. */
  public void delete(Caller admin, String callId) {
    UUID id = parse(callId);
    flushQuietly();
    if (!store.delete(admin.tenant().value(), id, admin.userId(), clock.instant())) {
      throw TranscriptException.notFound();
    }
    log.info("voice-plugin transcript of call {} deleted by {} of tenant {}", id, admin.userId(), admin.tenant().value());
  }

  /** Deletes what is past its retention; how many. */
  public int purge() {
    int deleted = store.purge(clock.instant());
    if (deleted > 0) {
      log.info("voice-plugin purged {} transcript(s) past their retention", deleted);
    }
    return deleted;
  }

  private void purgeQuietly() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.warn("voice-plugin transcript purge failed this round (next in {}): {}", PURGE_EVERY, e.getMessage());
    }
  }

  /** Lines still queued are written first, so an admin sees a running call up to now; a stalled database is not waited for. */
  private void flushQuietly() {
    if (!writer.hasPending()) {
      return;
    }
    try {
      writer.flush();
    } catch (RuntimeException e) {
      log.debug("voice-plugin transcripts not flushed before a read: {}", e.getMessage());
    }
  }

  private static UUID parse(String callId) {
    try {
      return UUID.fromString(callId);
    } catch (IllegalArgumentException e) {
      throw TranscriptException.notFound();
    }
  }

  /** Stops the purge and the writer (which writes what is left). */
  @Override
  public void close() {
    purger.shutdownNow();
    try {
      purger.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.close();
  }
}
