package dev.voiceplugin.impl.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Collects a response body of at most {@code limit} bytes, and remembers whether the status line
 * and headers arrived: a failure after that point is a broken response, before it an unreachable
 * provider. The Azure endpoint is tenant-chosen, so an endless body must not exhaust the heap.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
  private final int limit;
  private final AtomicBoolean headersReceived = new AtomicBoolean();
  private final long deadlineNanos;
  private final java.util.concurrent.ScheduledExecutorService timer;

  BoundedBodyHandler(int limit) {
    this(limit, Long.MAX_VALUE, null);
  }

  /**
   * @param deadlineNanos {@link System#nanoTime()} by which the whole body must have arrived; the
   *     JDK's request timeout only covers the wait for the headers
   * @param timer runs the deadline check (owned by the caller)
   */
  BoundedBodyHandler(int limit, long deadlineNanos, java.util.concurrent.ScheduledExecutorService timer) {
    this.limit = limit;
    this.deadlineNanos = deadlineNanos;
    this.timer = timer;
  }

  boolean headersReceived() {
    return headersReceived.get();
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    headersReceived.set(true);
    Subscriber subscriber = new Subscriber(limit);
    if (timer != null) {
      long left = Math.max(0, deadlineNanos - System.nanoTime());
      var check = timer.schedule(subscriber::expire, left, java.util.concurrent.TimeUnit.NANOSECONDS);
      subscriber.body.whenComplete((b, t) -> check.cancel(false));
    }
    return subscriber;
  }

  /** Thrown (inside the response future) when the body exceeds the limit. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(int limit) {
      super("response body larger than " + limit + " bytes");
    }
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final int limit;
    private volatile Flow.Subscription subscription;

    Subscriber(int limit) {
      this.limit = limit;
    }

    /** The deadline passed with the body incomplete: stop reading and fail as a timeout. */
    void expire() {
      if (body.completeExceptionally(new java.net.http.HttpTimeoutException("the response body did not arrive in time"))) {
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
      }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        if (body.isDone()) {
          return;
        }
        if (buffer.size() + item.remaining() > limit) {
          subscription.cancel();
          body.completeExceptionally(new BodyTooLargeException(limit));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(buffer.toByteArray());
    }
  }
}
