package dev.voiceplugin.impl.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes what callers queue off their threads: one owned thread takes what arrived within about
 * 50 ms of the first item (or a full batch) and hands it to the {@link Sink} in one call, so a
 * steady stream becomes a few multi-row statements rather than one per item. A sink that throws
 * keeps the batch: it goes back to the head of the queue, in order, and is tried again a second
 * later (the database is down or busy; {@link Database} logs that once per change of state).
 * Used by the mint audit and the transcript writer, which differ only in what they count.
 */
public final class BatchWriter<T> implements AutoCloseable {
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long RETRY_MILLIS = 1_000;

  /** Where a batch goes. Throwing keeps the batch for another try; returning means it is done with. */
  @FunctionalInterface
  public interface Sink<T> {
    void write(List<T> batch);
  }

  private final BlockingDeque<T> queue;
  private final int batchSize;
  private final Sink<T> sink;
  private final Consumer<T> lost;
  private final Object writing = new Object();
  private final Thread writer;
  private volatile boolean running = true;

  /**
   * @param capacity items the queue holds at most ({@link Integer#MAX_VALUE}: the caller bounds them)
   * @param lost told of an item that no longer fit when its failed batch was put back (the newer items are kept)
   */
  public BatchWriter(String threadName, int capacity, int batchSize, Sink<T> sink, Consumer<T> lost) {
    this.queue = new LinkedBlockingDeque<>(capacity);
    this.batchSize = batchSize;
    this.sink = sink;
    this.lost = lost;
    this.writer = new Thread(this::writeContinuously, threadName);
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues one item; never blocks. False when the queue is full (the item is not queued). */
  public boolean offer(T item) {
    return queue.offer(item);
  }

  /** Items queued and not yet taken by a batch. */
  public int queued() {
    return queue.size();
  }

  /** Writes everything queued so far, and waits for a batch the writer is in the middle of; a sink's failure is thrown. */
  public void flush() {
    synchronized (writing) {
      List<T> batch = new ArrayList<>();
      while (queue.drainTo(batch, batchSize) > 0) {
        writeOrPutBack(batch);
      }
    }
  }

  private void writeContinuously() {
    List<T> batch = new ArrayList<>();
    while (running) {
      try {
        T first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        synchronized (writing) { // held while lingering too, so flush() never misses a gathered item
          try {
            collect(first, batch);
          } catch (InterruptedException e) {
            // close() interrupted the linger: what was gathered goes back for close()'s own flush to write.
            putBack(batch);
            batch.clear();
            throw e;
          }
          writeOrPutBack(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        sleepQuietly();
      }
    }
  }

  private void collect(T first, List<T> batch) throws InterruptedException {
    batch.add(first);
    long until = System.nanoTime() + LINGER_NANOS;
    long left;
    while (batch.size() < batchSize && (left = until - System.nanoTime()) > 0) {
      T next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
      queue.drainTo(batch, batchSize - batch.size());
    }
  }

  private void writeOrPutBack(List<T> batch) {
    try {
      sink.write(batch);
    } catch (RuntimeException e) {
      putBack(batch);
      throw e;
    } finally {
      batch.clear();
    }
  }

  /** Back at the head of the queue, in order, so the next try sees them first. */
  private void putBack(List<T> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      if (!queue.offerFirst(batch.get(i))) {
        lost.accept(batch.get(i));
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread and writes what is left: a last try, whose failure is thrown for the owner to log. */
  @Override
  public void close() {
    running = false;
    writer.interrupt();
    try {
      writer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    flush();
  }
}
