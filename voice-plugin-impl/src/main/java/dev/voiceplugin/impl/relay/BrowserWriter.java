package dev.voiceplugin.impl.relay;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one writer of a browser socket. Containers allow one outstanding async send per session
 * (Tomcat throws otherwise), so messages queue here and go out one at a time, each send started
 * when the previous completed. The queue is bounded by the relay: above the high water mark
 * {@link #room()} returns a stage that completes below the low one, and the relay reads nothing
 * more from the provider until then, so a browser that reads slowly slows the provider instead of
 * growing the heap; one that stops reading is found by {@link #stalledFor}.
 */
final class BrowserWriter {
  private final Session session;
  private final long highWater;
  private final long lowWater;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long queuedChars;
  private boolean writing;
  private boolean closed;
  private long busySinceNanos;
  private CompletableFuture<Void> drained;

  BrowserWriter(Session session, long highWater, long lowWater) {
    this.session = session;
    this.highWater = highWater;
    this.lowWater = lowWater;
  }

  /** Queues one message; false when the writer is closed. */
  boolean send(String text) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      queue.add(text);
      queuedChars += text.length();
      if (writing) {
        return true;
      }
      writing = true;
      busySinceNanos = System.nanoTime();
    }
    writeNext();
    return true;
  }

  /**
   * Queues one of the relay's own answers to the browser, unless the browser already leaves the high
   * water mark unread: answers are not paced by {@link #room()} (the browser asks for them), so they
   * are refused there instead, and false tells the caller to close.
   */
  boolean sendBelowHighWater(String text) {
    synchronized (this) {
      if (!closed && queuedChars >= highWater) {
        return false;
      }
    }
    send(text);
    return true;
  }

  /** Null while there is room; else a stage that completes when the queue has drained below the low water mark. */
  synchronized CompletionStage<Void> room() {
    if (closed || queuedChars < highWater) {
      return null;
    }
    if (drained == null) {
      drained = new CompletableFuture<>();
    }
    return drained;
  }

  /** How long the writer has waited on the browser with data queued (0 when it is idle or keeping up). */
  synchronized long stalledForNanos(long nowNanos) {
    return writing ? nowNanos - busySinceNanos : 0;
  }

  /**
   * A ping when nothing is being written, as the one writer: sends wait behind it. Tomcat writes a
   * ping blocking (bounded by the session's blocking send timeout, see RelayEndpoint), so the relay
   * calls this off its timer thread; a browser that does not take the ping shows as a stall.
   */
  void pingIfIdle() {
    synchronized (this) {
      if (closed || writing) {
        return;
      }
      writing = true;
      busySinceNanos = System.nanoTime();
    }
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
    } catch (Exception e) {
      // The socket is closing; the relay hears of it from the container.
    }
    writeNext();
  }

  synchronized long queuedChars() {
    return queuedChars;
  }

  /** Drops what is queued and refuses more; a waiting provider read resumes (and finds the relay closed). */
  void close() {
    CompletableFuture<Void> waiting;
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedChars = 0;
      waiting = drained;
      drained = null;
    }
    if (waiting != null) {
      waiting.complete(null);
    }
  }

  private void writeNext() {
    String next;
    synchronized (this) {
      next = closed ? null : queue.peek();
      if (next == null) {
        writing = false;
        return;
      }
    }
    String sending = next;
    try {
      session.getAsyncRemote().sendText(sending, result -> written(sending, result));
    } catch (RuntimeException e) {
      synchronized (this) {
        writing = false;
      }
    }
  }

  private void written(String text, SendResult result) {
    CompletableFuture<Void> resume = null;
    synchronized (this) {
      if (closed || !result.isOK()) {
        writing = false;
        return;
      }
      queue.poll();
      queuedChars -= text.length();
      busySinceNanos = System.nanoTime();
      if (drained != null && queuedChars < lowWater) {
        resume = drained;
        drained = null;
      }
    }
    if (resume != null) {
      resume.complete(null);
    }
    writeNext();
  }
}
