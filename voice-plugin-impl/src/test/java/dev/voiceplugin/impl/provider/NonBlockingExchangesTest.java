package dev.voiceplugin.impl.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mint's non-blocking provider client keeps its bounds: many calls under way hold no thread
 * each, a full per-host queue fails a call at once, and close() fails what is under way and ends
 * the client's threads. It sends exactly the request it was given.
 */
class NonBlockingExchangesTest {
  private static final String BODY = "{\"session\":{\"type\":\"realtime\"}}";

  @RegisterExtension
  static final WireMockExtension upstream = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(120)
          .asynchronousResponseEnabled(true).asynchronousResponseThreads(8))
      .build();

  private static ProviderConfig config(int readTimeoutMs) {
    return config(500, readTimeoutMs);
  }

  private static ProviderConfig config(int connectTimeoutMs, int readTimeoutMs) {
    return new ProviderConfig(URI.create("http://127.0.0.1:" + upstream.getPort()), Duration.ofMillis(connectTimeoutMs),
        Duration.ofMillis(readTimeoutMs));
  }

  private static URI url() {
    return URI.create("http://127.0.0.1:" + upstream.getPort() + "/v1/realtime/client_secrets");
  }

  private static CompletableFuture<UpstreamResponse> mint(NonBlockingExchanges exchanges) {
    return exchanges.exchange(Upstream.OPENAI, url(), HttpMethod.POST, "application/json",
        BODY.getBytes(StandardCharsets.UTF_8), "application/json", Map.of("Authorization", "Bearer sk-test"));
  }

  @Test
  void sendsExactlyTheRequestAndReturnsTheWholeAnswer() {
    upstream.stubFor(post(urlEqualTo("/v1/realtime/client_secrets")).willReturn(okJson(LocalUpstream.okBody())
        .withHeader("Retry-After", "3")));
    try (NonBlockingExchanges exchanges = new NonBlockingExchanges(config(2_000))) {
      UpstreamResponse answer = mint(exchanges).join();

      assertThat(answer.status()).isEqualTo(200);
      assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(LocalUpstream.okBody());
      assertThat(answer.headers().firstValue("retry-after")).hasValue("3");
    }
    upstream.verify(postRequestedFor(urlEqualTo("/v1/realtime/client_secrets"))
        .withHeader("Authorization", equalTo("Bearer sk-test"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("Accept-Encoding", absent())
        .withHeader("User-Agent", equalTo("voice-plugin"))
        .withRequestBody(equalTo(BODY)));
  }

  @Test
  void manyCallsUnderWayHoldNoThreadEach() {
    upstream.stubFor(post(urlEqualTo("/v1/realtime/client_secrets"))
        .willReturn(okJson(LocalUpstream.okBody()).withFixedDelay(600)));
    // 100 connections opened at once can overflow the stub's accept queue on a busy machine; a dropped
    // SYN is retried after 1 s, so the connect timeout here is long: this test is about threads, not connects.
    try (NonBlockingExchanges exchanges = new NonBlockingExchanges(config(5_000, 5_000))) {
      List<CompletableFuture<UpstreamResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        calls.add(mint(exchanges));
      }
      sleep(300); // they are now connecting or waiting for the provider (600 ms each)
      assertThat(calls).noneMatch(CompletableFuture::isCompletedExceptionally);
      assertThat(threadsNamed(exchanges.threadNames()) - threadsNamed(exchanges.threadNames() + "-timeouts"))
          .as("client threads while 100 calls wait")
          .isLessThanOrEqualTo(NonBlockingExchanges.MAX_THREADS);

      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
      assertThat(calls).allMatch(c -> c.join().status() == 200);
    }
  }

  @Test
  void pastTheQueueBoundACallFailsAtOnceAndTheOthersGoOn() {
    upstream.stubFor(post(urlEqualTo("/v1/realtime/client_secrets"))
        .willReturn(okJson(LocalUpstream.okBody()).withFixedDelay(400)));
    try (NonBlockingExchanges exchanges = new NonBlockingExchanges(config(3_000), 1, 1)) {
      // One connection and one place in the queue: of four calls at once, what does not fit fails at once.
      long started = System.nanoTime();
      List<CompletableFuture<UpstreamResponse>> calls = List.of(mint(exchanges), mint(exchanges), mint(exchanges), mint(exchanges));
      sleep(150);
      List<CompletableFuture<UpstreamResponse>> failedAtOnce = calls.stream().filter(CompletableFuture::isCompletedExceptionally).toList();
      assertThat(failedAtOnce).as("calls refused within 150 ms").hasSizeGreaterThanOrEqualTo(2);
      for (CompletableFuture<UpstreamResponse> refused : failedAtOnce) {
        Throwable failure = failureOf(refused, 0);
        assertThat(failure).isInstanceOf(ProviderTimeoutException.class);
        assertThat(((ProviderException) failure).code()).isEqualTo("provider_timeout");
      }
      List<CompletableFuture<UpstreamResponse>> admitted = calls.stream().filter(c -> !c.isDone()).toList();
      assertThat(admitted).as("calls admitted (one on the connection, one queued)").isNotEmpty().hasSizeLessThanOrEqualTo(2);
      assertThat(admitted).allMatch(c -> c.join().status() == 200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("admitted calls ran one after another")
          .isGreaterThanOrEqualTo(Duration.ofMillis(400L * admitted.size()));
    }
  }

  @Test
  void closeFailsWhatIsUnderWayAndEndsTheClientsThreads() {
    upstream.stubFor(post(urlEqualTo("/v1/realtime/client_secrets"))
        .willReturn(okJson(LocalUpstream.okBody()).withFixedDelay(5_000)));
    NonBlockingExchanges exchanges = new NonBlockingExchanges(config(8_000));
    CompletableFuture<UpstreamResponse> waiting = mint(exchanges);
    sleep(200);
    String names = exchanges.threadNames();
    assertThat(threadsNamed(names)).isPositive();

    long started = System.nanoTime();
    exchanges.close();
    assertThat(failureOf(waiting, 2_000)).isInstanceOf(ProviderException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (threadsNamed(names) > 0 && System.nanoTime() < deadline) {
      sleep(50);
    }
    assertThat(threadsNamed(names)).as("client and timeout threads after close").isZero();
  }

  @Test
  void warnsAtStartWhenJettysHeaderLoggingIsOnSinceItWouldWriteTheKeys() {
    var sender = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty.client.transport.HttpSender");
    var ours = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(NonBlockingExchanges.class);
    var seen = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    seen.start();
    ours.addAppender(seen);
    ch.qos.logback.classic.Level before = sender.getLevel();
    try {
      new NonBlockingExchanges(config(1_000)).close();
      assertThat(seen.list).as("nothing to say while header logging is off").isEmpty();

      sender.setLevel(ch.qos.logback.classic.Level.DEBUG);
      new NonBlockingExchanges(config(1_000)).close();
      assertThat(seen.list).singleElement().satisfies(e -> {
        assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
        assertThat(e.getFormattedMessage()).contains("org.eclipse.jetty.client").contains("API keys");
      });
    } finally {
      sender.setLevel(before);
      ours.detachAppender(seen);
    }
  }

  private static Throwable failureOf(CompletableFuture<?> stage, long withinMs) {
    try {
      stage.get(Math.max(1, withinMs), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | CompletionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the call did not fail within " + withinMs + " ms", e);
    }
    throw new AssertionError("the call succeeded");
  }

  private static long threadsNamed(String prefix) {
    // The "-" keeps client 1's threads apart from client 10's.
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix + "-")).count();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
