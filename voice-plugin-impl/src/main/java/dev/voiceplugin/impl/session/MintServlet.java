package dev.voiceplugin.impl.session;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.tenancy.Tenancy;
import dev.voiceplugin.impl.web.ProblemWriter;
import dev.voiceplugin.impl.web.RequestIds;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /api/v1/realtime-session}: the mint, served by a plain servlet mapped at that exact
 * path (which wins over Jersey's {@code /api/v1/*}), because it is the one hot path: no routing,
 * injection or entity machinery per request. The request filters (ids, CORS, CSRF, body limits)
 * are the same servlet filters that guard every API call.
 *
 * <p>The request thread is released while the provider answers (servlet async), so a slow provider
 * cannot hold the container's threads. Where a host's filter chain does not support async, the
 * mint waits for the answer instead, bounded by the provider deadline.
 */
public final class MintServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(MintServlet.class);

  private final transient Tenancy tenancy;
  private final transient MintService mints;
  private final Duration deadline;

  public MintServlet(Tenancy tenancy, MintService mints, Duration providerDeadline) {
    this.tenancy = tenancy;
    this.mints = mints;
    this.deadline = providerDeadline.plusSeconds(5);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String requestId = RequestIds.of(request);
    CompletableFuture<MintResponse> minted;
    try {
      Caller caller = tenancy.requireSessionUser(request);
      minted = mints.mint(caller, requestId);
    } catch (RuntimeException e) {
      ProblemWriter.write(response, e);
      return;
    }
    if (minted.isDone() || !request.isAsyncSupported()) {
      answerWhenDone(minted, response);
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(deadline.toMillis());
    AtomicBoolean answered = new AtomicBoolean();
    async.addListener(new TimeoutAnswer(answered, requestId));
    minted.whenComplete((ok, failure) -> {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      MDC.put("requestId", requestId);
      try {
        answer((HttpServletResponse) async.getResponse(), ok, failure);
      } catch (IOException | RuntimeException e) {
        log.debug("the browser went away before its mint answer was written: {}", e.toString());
      } finally {
        MDC.remove("requestId");
        async.complete();
      }
    });
  }

  private void answerWhenDone(CompletableFuture<MintResponse> minted, HttpServletResponse response) throws IOException {
    try {
      answer(response, minted.get(deadline.toMillis(), TimeUnit.MILLISECONDS), null);
    } catch (ExecutionException e) {
      answer(response, null, e.getCause());
    } catch (TimeoutException e) {
      minted.cancel(true);
      answer(response, null, new dev.voiceplugin.impl.VoicePluginException(504, "provider_timeout",
          "The provider did not answer in time.", "Try again in a moment."));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(response, null, e);
    }
  }

  private static void answer(HttpServletResponse response, MintResponse ok, Throwable failure) throws IOException {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      ProblemWriter.write(response, cause);
      return;
    }
    // The secret must never sit in a shared or browser cache.
    response.setStatus(200);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setContentType("application/json");
    byte[] body = ok.json();
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** Answers 504 if the container's async timeout fires before the provider stage completes. */
  private static final class TimeoutAnswer implements AsyncListener {
    private final AtomicBoolean answered;
    private final String requestId;

    TimeoutAnswer(AtomicBoolean answered, String requestId) {
      this.answered = answered;
      this.requestId = requestId;
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
      if (answered.compareAndSet(false, true)) {
        MDC.put("requestId", requestId);
        try {
          answer((HttpServletResponse) event.getAsyncContext().getResponse(), null,
              new dev.voiceplugin.impl.VoicePluginException(504, "provider_timeout", "The provider did not answer in time.",
                  "Try again in a moment."));
        } finally {
          MDC.remove("requestId");
          event.getAsyncContext().complete();
        }
      }
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {
      if (answered.compareAndSet(false, true)) {
        event.getAsyncContext().complete(); // the connection broke: nothing left to answer
      }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
