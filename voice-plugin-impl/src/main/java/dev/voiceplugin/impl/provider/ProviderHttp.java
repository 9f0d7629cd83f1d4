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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one {@link HttpClient} every provider call goes through, so connections (and HTTP/2 streams,
 * negotiated by ALPN where the provider offers them) are reused across tenants and requests. Create
 * one per plugin instance; it is thread-safe. Every call is bounded by the configured timeouts.
 */
public final class ProviderHttp {
  /** Mint and token answers are a few kilobytes; anything near this is not the provider talking. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final HttpClient client;
  private final ProviderConfig config;

  public ProviderHttp(ProviderConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
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

  /** GETs {@code url}, bounded and classified exactly like {@link #post}. */
  UpstreamResponse get(Upstream upstream, URI url, Map<String, String> headers) {
    return exchange(upstream, url, HttpRequest.newBuilder(url).GET(), headers);
  }

  private UpstreamResponse exchange(Upstream upstream, URI url, HttpRequest.Builder request, Map<String, String> headers) {
    request.timeout(config.exchangeDeadline()).header("Accept", "application/json");
    // Plain http is only ever a local test double or proxy: skip the JDK's h2c upgrade attempt there.
    if ("http".equals(url.getScheme())) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    headers.forEach(request::header);
    BoundedBodyHandler handler = new BoundedBodyHandler(MAX_BODY_BYTES);
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request.build(), handler);
    try {
      // The request timeout only covers the wait for headers; this bounds the body too.
      HttpResponse<byte[]> response = pending.get(config.exchangeDeadline().toMillis(), TimeUnit.MILLISECONDS);
      return new UpstreamResponse(response.statusCode(), response.headers(), response.body(),
          Duration.ofNanos(System.nanoTime() - started));
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new ProviderTimeoutException(upstream, "answer", config.exchangeDeadline(), null);
    } catch (ExecutionException e) {
      throw TransportFailures.classify(upstream, url, e.getCause(), handler.headersReceived(), config);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProviderTimeoutException(upstream, "answer before the request was interrupted", config.exchangeDeadline(), e);
    }
  }
}
