package dev.voiceplugin.impl.provider;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The provider's HTTP exchanges on Jetty's non-blocking client: no thread waits while the provider
 * works, and each answer completes on one of a few client threads. The JDK client cannot do that
 * here: its {@code sendAsync} hands every completion to CompletableFuture's default executor, which
 * on a machine of 2 CPUs starts a new thread per task, and its blocking {@code send} holds a thread
 * per call. Keep-alive HTTP/1.1 connections are pooled per host (up to {@link #MAX_CONNECTIONS_PER_HOST};
 * requests beyond wait in a bounded queue), bodies are bounded to {@link ProviderHttp#MAX_BODY_BYTES},
 * and the whole exchange to connect + read timeout. TLS verifies the host name (Jetty's default).
 */
final class NonBlockingExchanges implements AutoCloseable {
  /** Above the mint's default in-flight limit (256), so the limit, not the pool, is what callers meet. */
  static final int MAX_CONNECTIONS_PER_HOST = 512;
  /** Requests waiting for a connection of a host; past it a call fails at once as a timeout. */
  static final int MAX_QUEUED_PER_HOST = 1024;
  /** Client threads: they parse answers and run the completions (which only resume a request). */
  static final int MAX_THREADS = 16;

  private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

  private final HttpClient client;
  private final ProviderConfig config;
  private final String threadNames;

  NonBlockingExchanges(ProviderConfig config) {
    this(config, MAX_CONNECTIONS_PER_HOST, MAX_QUEUED_PER_HOST);
  }

  /** With other bounds, for tests that drive them. */
  NonBlockingExchanges(ProviderConfig config, int maxConnectionsPerHost, int maxQueuedPerHost) {
    this.config = config;
    warnIfHeadersAreLogged();
    this.threadNames = "voice-plugin-provider-io-" + INSTANCES.incrementAndGet();
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2, 30_000);
    threads.setName(threadNames);
    threads.setDaemon(true);
    ClientConnector connector = new ClientConnector();
    connector.setSslContextFactory(new SslContextFactory.Client());
    connector.setConnectTimeout(config.connectTimeout());
    connector.setExecutor(threads);
    client = new HttpClient(new HttpClientTransportOverHTTP(connector));
    client.setExecutor(threads);
    client.setScheduler(new ScheduledExecutorScheduler(threadNames + "-timeouts", true));
    client.setConnectTimeout(config.connectTimeout().toMillis());
    client.setFollowRedirects(false);
    client.setMaxConnectionsPerDestination(maxConnectionsPerHost);
    client.setMaxRequestsQueuedPerDestination(maxQueuedPerHost);
    client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "voice-plugin"));
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("the provider HTTP client did not start", e);
    }
    // Both are filled in by start(). Every status is the caller's to read: no 401 challenge handling,
    // no redirects, no upgrades. Answers are JSON or SDP of a few kilobytes: asking for no compression
    // keeps the body bound on the bytes read.
    client.getProtocolHandlers().clear();
    client.getContentDecoderFactories().clear();
  }

  /**
   * One exchange. Any HTTP status completes the stage; a transport failure (timeout, refused or reset
   * connection, broken HTTP, a body over the bound) fails it with the classified {@link ProviderException}.
   *
   * @param contentType null for a request without a body
   */
  CompletableFuture<UpstreamResponse> exchange(Upstream upstream, URI url, HttpMethod method, String contentType,
      byte[] body, String accept, Map<String, String> headers) {
    Collector collector = new Collector(upstream, url);
    Request request = client.newRequest(url).method(method)
        .timeout(config.exchangeDeadline().toMillis(), TimeUnit.MILLISECONDS)
        .onRequestCommit(r -> collector.committed = true)
        .headers(fields -> {
          fields.put(HttpHeader.ACCEPT, accept);
          headers.forEach(fields::put);
        });
    if (contentType != null) {
      request.body(new BytesRequestContent(contentType, body));
    }
    request.send(collector);
    return collector.result;
  }

  /** Jetty's sender logs each request's headers at DEBUG, the provider key among them: say so, once per client. */
  private static void warnIfHeadersAreLogged() {
    if (org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty.client.transport.HttpSender").isDebugEnabled()) {
      org.slf4j.LoggerFactory.getLogger(NonBlockingExchanges.class).warn("DEBUG logging is on for org.eclipse.jetty.client: "
          + "Jetty then logs the headers of every provider request, API keys included. Turn it off in production.");
    }
  }

  /** What the names of this client's threads start with (its timeout thread's too). */
  String threadNames() {
    return threadNames;
  }

  /** Stops the client: its connections close and exchanges under way fail. */
  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      // Stopping only closes sockets and ends the client's threads; nothing is left to undo.
    }
  }

  /** Collects a bounded body and completes the result once, with the answer or the classified failure. */
  private final class Collector implements Response.Listener {
    final CompletableFuture<UpstreamResponse> result = new CompletableFuture<>();
    private final Upstream upstream;
    private final URI url;
    private final long started = System.nanoTime();
    volatile boolean committed;
    private volatile boolean headersReceived;
    private byte[] bytes = new byte[0];
    private int size;

    Collector(Upstream upstream, URI url) {
      this.upstream = upstream;
      this.url = url;
    }

    @Override
    public void onHeaders(Response response) {
      headersReceived = true;
      long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
      if (length > ProviderHttp.MAX_BODY_BYTES) {
        response.abort(new BoundedBodyHandler.BodyTooLargeException(ProviderHttp.MAX_BODY_BYTES));
      } else {
        bytes = new byte[length > 0 ? (int) length : 2048];
      }
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
      int more = content.remaining();
      if (size + more > ProviderHttp.MAX_BODY_BYTES) {
        response.abort(new BoundedBodyHandler.BodyTooLargeException(ProviderHttp.MAX_BODY_BYTES));
        return;
      }
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(ProviderHttp.MAX_BODY_BYTES, Math.max(bytes.length * 2, size + more)));
      }
      content.get(bytes, size, more);
      size += more;
    }

    @Override
    public void onComplete(Result outcome) {
      if (outcome.isFailed()) {
        result.completeExceptionally(classify(outcome.getFailure()));
        return;
      }
      Response response = outcome.getResponse();
      result.complete(new UpstreamResponse(response.getStatus(), headersOf(response),
          size == bytes.length ? bytes : Arrays.copyOf(bytes, size), Duration.ofNanos(System.nanoTime() - started)));
    }

    private ProviderException classify(Throwable failure) {
      // Jetty's connect timeout is a SocketTimeoutException before the request went out; its total
      // timeout (the exchange deadline) a TimeoutException, classified as the answer being late.
      if (failure instanceof java.net.SocketTimeoutException && !committed) {
        return new ProviderTimeoutException(upstream, "accept the connection", config.connectTimeout(), failure);
      }
      // The per-host queue is full: as before, the call fails at once rather than wait without bound.
      if (failure instanceof java.util.concurrent.RejectedExecutionException) {
        return new ProviderTimeoutException(upstream, "answer", config.exchangeDeadline(), failure);
      }
      return TransportFailures.classify(upstream, url, failure, headersReceived, config);
    }
  }

  private static HttpHeaders headersOf(Response response) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (HttpField field : response.getHeaders()) {
      map.computeIfAbsent(field.getName(), k -> new java.util.ArrayList<>(1)).add(field.getValue());
    }
    return HttpHeaders.of(map, (name, value) -> true);
  }
}
