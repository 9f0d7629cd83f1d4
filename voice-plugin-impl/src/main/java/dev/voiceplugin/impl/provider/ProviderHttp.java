package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.config.VoiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one {@link HttpClient} every provider call goes through, so connections (and HTTP/2 streams,
 * negotiated by ALPN where the provider offers them) are reused across tenants and requests. Create
 * one per plugin instance; it is thread-safe. Every call is bounded by the configured timeouts.
 */
public final class ProviderHttp {
  /** Mint and token answers are a few kilobytes; anything near this is not the provider talking. */
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProviderHttp.class);

  private final HttpClient client;
  private final HttpClient[] streams;
  private final java.util.concurrent.atomic.AtomicInteger nextStream = new java.util.concurrent.atomic.AtomicInteger();
  private final NonBlockingExchanges nonBlocking;
  private final ProviderConfig config;
  private final java.util.concurrent.ExecutorService executor;
  private final java.util.concurrent.ThreadPoolExecutor callers;
  private final java.util.concurrent.ScheduledExecutorService timer;
  /** More provider calls at once than any caller allows (the mint's default in-flight limit is 256). */
  static final int MAX_CALLER_THREADS = 1024;
  /**
   * Event loops for provider WebSockets (sidebands and relays), each a JDK client whose selector
   * thread also reads, decodes and delivers its sockets' messages. Several, so that one loop that
   * is late (descheduled, or busy with a burst) delays only its share of the sockets.
   */
  static final int STREAM_LOOPS = 4;

  public ProviderHttp(ProviderConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    // An explicit, bounded executor: without one the client completes on CompletableFuture's common
    // pool, which on 2 CPUs has parallelism 1 and then starts a new thread for every task. The
    // queue is unbounded, but what it holds is bounded by the in-flight limit of the callers.
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    int threads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    this.executor = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "voice-plugin-provider-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // Threads that wait for provider answers: as many as calls are under way (callers bound those,
    // e.g. the mint's in-flight limit), idle ones end after 30 s.
    this.callers = new java.util.concurrent.ThreadPoolExecutor(0, MAX_CALLER_THREADS, 30, TimeUnit.SECONDS,
        new java.util.concurrent.SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "voice-plugin-provider-call-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "voice-plugin-provider-deadlines");
      t.setDaemon(true);
      return t;
    });
    this.client = HttpClient.newBuilder()
        .executor(executor)
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.nonBlocking = new NonBlockingExchanges(config);
    // Inline executors: from the selector thread the JDK hands every read to its executor, a
    // thread wake-up per provider message; run inline, a relayed frame costs one fewer and its tail
    // shortens (relay bench, 100 sessions on 2 cores: added p99 down 2.8-3.3 ms instead of 6.9-11.5,
    // up 4.9-5.3 instead of 7.0-7.9; one loop alone was worse). Listeners must therefore never block.
    this.streams = new HttpClient[STREAM_LOOPS];
    for (int i = 0; i < streams.length; i++) {
      streams[i] = HttpClient.newBuilder().executor(Runnable::run).connectTimeout(config.connectTimeout())
          .followRedirects(HttpClient.Redirect.NEVER).build();
    }
  }

  public static ProviderHttp fromConfig(VoiceConfig config) {
    return new ProviderHttp(ProviderConfig.fromConfig(config));
  }

  public ProviderConfig config() {
    return config;
  }

  /**
   * POSTs {@code body} and waits for the complete answer. Any HTTP status is returned; only
   * transport failures (timeouts, refused or reset connections, broken HTTP) are thrown, already
   * turned into a {@link ProviderException}.
   */
  UpstreamResponse post(Upstream upstream, URI url, String contentType, byte[] body, Map<String, String> headers) {
    return exchange(upstream, url, HttpRequest.newBuilder(url)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
  }

  /**
   * Like {@link #post} without holding the calling thread: the answer (or the classified
   * {@link ProviderException}) completes the returned stage on the client's own executor.
   */
  CompletableFuture<UpstreamResponse> postAsync(
      Upstream upstream, URI url, String contentType, byte[] body, Map<String, String> headers) {
    return postAsync(upstream, url, contentType, body, "application/json", headers);
  }

  /**
   * Like {@link #postAsync(Upstream, URI, String, byte[], Map)} on the non-blocking client (see
   * {@link NonBlockingExchanges}): no thread waits for the provider, which is what the mint's hot
   * path needs. The stage completes on one of that client's few threads, so what follows it must
   * not block (write a small answer, queue an audit row, start another asynchronous call).
   */
  CompletableFuture<UpstreamResponse> postWithoutWaiting(
      Upstream upstream, URI url, String contentType, byte[] body, Map<String, String> headers) {
    return nonBlocking.exchange(upstream, url, org.eclipse.jetty.http.HttpMethod.POST,
        Objects.requireNonNull(contentType, "contentType"), body, "application/json", headers);
  }

  /**
   * {@link #postAsync(Upstream, URI, String, byte[], Map)} with a chosen {@code Accept} (the calls
   * API answers {@code application/sdp}), for the protocol packages beside this one. The answer's
   * body is bounded to 1 MiB like every other.
   */
  public CompletableFuture<UpstreamResponse> postAsync(
      Upstream upstream, URI url, String contentType, byte[] body, String accept, Map<String, String> headers) {
    Objects.requireNonNull(contentType, "contentType");
    return sendAsync(upstream, url, prepare(url, HttpRequest.newBuilder(url)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), accept, headers));
  }

  /** A {@code POST} without a body (and so without {@code Content-Type}), such as a call's hang-up. */
  public CompletableFuture<UpstreamResponse> postEmptyAsync(Upstream upstream, URI url, Map<String, String> headers) {
    return sendAsync(upstream, url, prepare(url, HttpRequest.newBuilder(url)
        .POST(HttpRequest.BodyPublishers.noBody()), "application/json", headers));
  }

  /**
   * A WebSocket builder for sidebands and relays, on the next of the {@link #STREAM_LOOPS} event
   * loops (their connect timeout; the JDK always opens WebSockets over HTTP/1.1). Its listener and
   * the completions of its futures run on that loop's selector thread: what they do must not block,
   * and whatever may (the database, a provider call) goes to an executor of its own.
   */
  public java.net.http.WebSocket.Builder newWebSocketBuilder() {
    return streams[Math.floorMod(nextStream.getAndIncrement(), streams.length)].newWebSocketBuilder();
  }

  private CompletableFuture<UpstreamResponse> sendAsync(Upstream upstream, URI url, HttpRequest.Builder request) {
    HttpRequest built = request.build();
    try {
      return CompletableFuture.supplyAsync(() -> exchange(upstream, url, built), callers);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new ProviderTimeoutException(upstream, "answer", config.exchangeDeadline(), e));
    }
  }

  /**
   * One exchange with the blocking {@code send}, on a thread of {@link #callers}: the JDK's
   * {@code sendAsync} hands every completion to CompletableFuture's default executor, which on a
   * machine of 2 CPUs starts a new thread for each (one thread per mint). The request timeout
   * bounds the wait for the headers and the body handler's deadline the body, so the whole call
   * ends by connect + read timeout.
   */
  private UpstreamResponse exchange(Upstream upstream, URI url, HttpRequest request) {
    long started = System.nanoTime();
    BoundedBodyHandler handler = new BoundedBodyHandler(MAX_BODY_BYTES, started + config.exchangeDeadline().toNanos(), timer);
    try {
      HttpResponse<byte[]> response = client.send(request, handler);
      return new UpstreamResponse(response.statusCode(), response.headers(), response.body(),
          Duration.ofNanos(System.nanoTime() - started));
    } catch (java.io.IOException e) {
      throw TransportFailures.classify(upstream, url, e, handler.headersReceived(), config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderTimeoutException(upstream, "answer before the request was interrupted", config.exchangeDeadline(), e);
    }
  }

  /** Stops the client's threads; calls still under way fail. */
  public void close() {
    nonBlocking.close();
    callers.shutdownNow();
    timer.shutdownNow();
    executor.shutdownNow();
    for (HttpClient loop : streams) {
      stopNow(loop);
    }
    stopNow(client);
  }

  /**
   * Java 21 gave the client {@code shutdownNow()}, which ends its selector thread at once; Java 17
   * has no way to stop one, and its thread ends within seconds of the client becoming unreachable
   * (the sockets themselves are aborted by their owners first).
   */
  private static void stopNow(HttpClient client) {
    try {
      HttpClient.class.getMethod("shutdownNow").invoke(client);
    } catch (NoSuchMethodException java17) {
      // Left to the JDK, as above.
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("voice-plugin could not stop an HTTP client: {}", e.toString());
    }
  }

  private HttpRequest.Builder prepare(URI url, HttpRequest.Builder request, Map<String, String> headers) {
    return prepare(url, request, "application/json", headers);
  }

  private HttpRequest.Builder prepare(URI url, HttpRequest.Builder request, String accept, Map<String, String> headers) {
    request.timeout(config.exchangeDeadline()).header("Accept", Objects.requireNonNull(accept, "accept"));
    if ("http".equals(url.getScheme())) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    headers.forEach(request::header);
    return request;
  }

  /** GETs {@code url}, bounded and classified exactly like {@link #post}. */
  UpstreamResponse get(Upstream upstream, URI url, Map<String, String> headers) {
    return exchange(upstream, url, HttpRequest.newBuilder(url).GET(), headers);
  }

  private UpstreamResponse exchange(Upstream upstream, URI url, HttpRequest.Builder request, Map<String, String> headers) {
    // Plain http is only ever a local test double or proxy: prepare skips the JDK's h2c upgrade there.
    return exchange(upstream, url, prepare(url, request, headers).build());
  }

}
