package dev.voiceplugin.impl.provider.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link SidebandListener} that remembers everything, with the thread it was called on. */
final class RecordingListener implements SidebandListener {
  record Closed(int code, String reason) {}

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<JsonNode> events = new ArrayList<>();
  private final List<Closed> closes = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();
  private volatile long delayMillis;

  /** Makes every onEvent take this long (a listener that writes to a slow database). */
  RecordingListener slow(long millis) {
    delayMillis = millis;
    return this;
  }

  @Override
  public void onEvent(JsonNode event) {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (!closes.isEmpty()) {
        throw new AssertionError("onEvent after onClosed");
      }
      events.add(event);
      threads.add(Thread.currentThread().getName());
      notifyAll();
    }
  }

  @Override
  public synchronized void onClosed(int code, String reason) {
    closes.add(new Closed(code, reason));
    threads.add(Thread.currentThread().getName());
    notifyAll();
  }

  synchronized List<JsonNode> awaitEvents(int count) {
    awaitUntil(() -> events.size() >= count, "events: " + count + ", got " + events.size());
    return List.copyOf(events);
  }

  synchronized Closed awaitClosed() {
    awaitUntil(() -> !closes.isEmpty(), "onClosed");
    return closes.get(0);
  }

  synchronized List<JsonNode> events() {
    return List.copyOf(events);
  }

  synchronized List<Closed> closes() {
    return List.copyOf(closes);
  }

  synchronized List<String> threads() {
    return List.copyOf(threads);
  }

  private void awaitUntil(java.util.function.BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
