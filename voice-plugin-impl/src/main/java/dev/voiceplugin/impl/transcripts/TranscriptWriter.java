package dev.voiceplugin.impl.transcripts;

import dev.voiceplugin.impl.db.BatchWriter;
import dev.voiceplugin.impl.db.Database;
import dev.voiceplugin.impl.db.DatabaseBusyException;
import dev.voiceplugin.impl.db.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes transcript lines off the sideband and relay threads, as the audit writer does: one owned
 * thread ({@link BatchWriter}) takes what was queued within about 50 ms and writes it in one transaction, lines at most
 * {@link TranscriptRows#LINES_PER_STATEMENT} to a statement. At most {@code capacity} lines wait
 * (queued or being written); past that a line is dropped, counted ({@code onDrop}, the
 * {@code voice_transcript_lines_dropped_total} metric) and logged once per episode. While the
 * database is down the batch is kept and retried every second; a batch the database refuses for
 * another reason is dropped (and counted) rather than retried for ever.
 */
public final class TranscriptWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TranscriptWriter.class);
  public static final int DEFAULT_CAPACITY = 10_000;
  private static final int BATCH_OPS = 1_000;

  private final TranscriptRows rows;
  private final int capacity;
  private final Runnable onDrop;
  // Unbounded for the few control rows per call (start, end); lines are bounded by queuedLines.
  private final BatchWriter<TranscriptOp> batches;
  private final AtomicInteger queuedLines = new AtomicInteger();
  private final AtomicLong droppedInEpisode = new AtomicLong();

  /** @param onDrop called once for every line dropped (a metric) */
  public TranscriptWriter(Database database, int capacity, Runnable onDrop) {
    this.rows = new TranscriptRows(database);
    this.capacity = capacity;
    this.onDrop = onDrop;
    this.batches = new BatchWriter<>("voice-plugin-transcript-writer", Integer.MAX_VALUE, BATCH_OPS, this::write, lost -> {
      if (lost instanceof TranscriptOp.Line) { // cannot happen with an unbounded queue; counted if it ever does
        queuedLines.decrementAndGet();
        dropped(1);
      }
    });
  }

  /** Queues one change; never blocks. False when it is a line and the queue is full (it is then dropped and counted). */
  boolean offer(TranscriptOp op) {
    if (op instanceof TranscriptOp.Line) {
      if (queuedLines.incrementAndGet() > capacity) {
        queuedLines.decrementAndGet();
        dropped(1);
        return false;
      }
    }
    batches.offer(op);
    return true;
  }

  /** Lines waiting to be written. */
  public int pendingLines() {
    return queuedLines.get();
  }

  /** Whether anything (a line, a call's start or end) waits to be written. */
  boolean hasPending() {
    return batches.queued() > 0 || queuedLines.get() > 0;
  }

  /** Writes everything queued so far (and waits for a batch the writer is in the middle of). */
  public void flush() {
    batches.flush();
  }

  /** Writes a batch; lines leave the count once written, or once dropped because the database refused them. */
  private void write(List<TranscriptOp> batch) {
    int lines = (int) batch.stream().filter(op -> op instanceof TranscriptOp.Line).count();
    try (Connection c = rows.connection()) {
      c.setAutoCommit(false);
      try {
        rows.write(c, batch);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      RuntimeException failure = rows.failure(e);
      if (failure instanceof DatabaseUnavailableException || failure instanceof DatabaseBusyException) {
        throw failure;
      }
      queuedLines.addAndGet(-lines);
      log.warn("voice-plugin could not store {} transcript line(s); they are dropped: {}", lines, e.getMessage());
      for (int i = 0; i < lines; i++) {
        onDrop.run();
      }
      return;
    }
    queuedLines.addAndGet(-lines);
    long dropped = droppedInEpisode.getAndSet(0);
    if (dropped > 0) {
      log.warn("voice-plugin transcripts are written again; {} line(s) were dropped while the queue was full", dropped);
    }
  }

  private void dropped(int lines) {
    for (int i = 0; i < lines; i++) {
      onDrop.run();
    }
    if (droppedInEpisode.getAndAdd(lines) == 0) {
      log.warn("voice-plugin transcript queue is full ({} lines waiting for the database); further lines are dropped and "
          + "counted in voice_transcript_lines_dropped_total until it drains", capacity);
    }
  }

  /** Stops the thread and writes what is left (a last try; a database that is down loses it, logged). */
  @Override
  public void close() {
    try {
      batches.close();
    } catch (RuntimeException e) {
      log.warn("voice-plugin could not write the last {} transcript line(s) at shutdown: {}", queuedLines.get(), e.getMessage());
    }
  }
}
