package dev.voiceplugin.impl.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The queue-and-batch engine under the audit and transcript writers, its failure paths driven. */
class BatchWriterTest {
  @Test
  void gathersWhatArrivesTogetherIntoOneBatch() throws Exception {
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    try (BatchWriter<Integer> writer = new BatchWriter<>("test-batch-writer", 100, 50, b -> batches.add(List.copyOf(b)), x -> {})) {
      for (int i = 0; i < 20; i++) {
        assertThat(writer.offer(i)).isTrue();
      }
      awaitTrue(() -> batches.stream().mapToInt(List::size).sum() == 20);
    }
    assertThat(batches).as("one linger window, one batch").hasSize(1);
    assertThat(batches.get(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
  }

  @Test
  void aFailingSinkKeepsTheBatchInOrderAndItIsWrittenOnceTheSinkRecovers() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger attempts = new AtomicInteger();
    List<Integer> written = new CopyOnWriteArrayList<>();
    try (BatchWriter<Integer> writer = new BatchWriter<>("test-batch-writer", 100, 50, b -> {
      attempts.incrementAndGet();
      if (down.get()) {
        throw new DatabaseUnavailableException("down", new java.sql.SQLException("down"));
      }
      written.addAll(b);
    }, x -> {})) {
      writer.offer(1);
      writer.offer(2);
      awaitTrue(() -> attempts.get() >= 1);
      assertThat(writer.queued()).as("the failed batch is back in the queue").isEqualTo(2);
      writer.offer(3);
      assertThatThrownBy(writer::flush).isInstanceOf(DatabaseUnavailableException.class);
      assertThat(writer.queued()).isEqualTo(3);

      down.set(false);
      awaitTrue(() -> written.size() == 3);
      assertThat(written).containsExactly(1, 2, 3);
    }
  }

  @Test
  void aFullQueueRefusesNewItemsAndLosesOnlyTheOldestWhenAFailedBatchNoLongerFits() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    List<Integer> lost = new CopyOnWriteArrayList<>();
    BatchWriter<Integer> writer = new BatchWriter<>("test-batch-writer", 3, 50, b -> {
      if (down.get()) {
        throw new DatabaseBusyException(new java.sql.SQLException("busy"));
      }
    }, lost::add);
    try {
      writer.flush(); // nothing queued: nothing to do
      List<Boolean> offered = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        offered.add(writer.offer(i));
      }
      // The writer may have taken the first ones already; whatever it holds comes back at the head.
      assertThat(offered).contains(true);
      assertThatThrownBy(writer::flush).isInstanceOf(DatabaseBusyException.class);
      awaitTrue(() -> writer.queued() == 3);
      assertThat(lost).as("what did not fit back, oldest first out").allMatch(i -> i <= 2);
    } finally {
      down.set(false);
      writer.close();
    }
    assertThat(writer.queued()).as("close writes what is left").isZero();
  }

  @Test
  void closeWritesWhatTheWriterWasGatheringWhenItWasStopped() {
    List<Integer> written = new CopyOnWriteArrayList<>();
    for (int round = 0; round < 20; round++) {
      written.clear();
      BatchWriter<Integer> writer = new BatchWriter<>("test-batch-writer-linger", 10, 50, written::addAll, x -> {});
      writer.offer(round);
      writer.close(); // most rounds stop the thread while it lingers over the item it took
      assertThat(written).as("round %d", round).containsExactly(round);
    }
  }

  @Test
  void closeEndsTheThreadAndThrowsWhenTheLastWriteFails() {
    BatchWriter<Integer> writer = new BatchWriter<>("test-batch-writer-close", 10, 50, b -> {
      throw new DatabaseUnavailableException("down", new java.sql.SQLException("down"));
    }, x -> {});
    writer.offer(1);
    assertThatThrownBy(writer::close).isInstanceOf(DatabaseUnavailableException.class);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-batch-writer-close") && t.isAlive());
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
