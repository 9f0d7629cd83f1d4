package dev.voiceplugin.impl.provider.calls;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sideband's listener calls one at a time, in submission order, on a shared pool (the
 * pattern of {@link Executor}'s Javadoc). Once the pool is shut down, tasks run on the caller's
 * thread so the final {@code onClosed} is still delivered.
 */
public final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final Executor pool;
  private boolean running;

  public SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException shutDown) {
      drain();
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.warn("A sideband listener failed; the sideband goes on", e);
      }
    }
  }
}
