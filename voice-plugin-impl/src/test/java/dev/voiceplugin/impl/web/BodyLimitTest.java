package dev.voiceplugin.impl.web;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request bodies: refused unread when anonymous or over the endpoint's limit, cut off when they stream past it. */
class BodyLimitTest {
  static TestServer server;
  static final HttpClient http = HttpClient.newHttpClient();
  static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(20);

  @BeforeAll
  static void start() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    settings.put("VOICE_INSTRUCTIONS_MAX_CHARS", "1000");
    // The settings limit fits the longer of the two instruction limits; GPT-Live's is set alike here.
    settings.put("VOICE_LIVE_INSTRUCTIONS_MAX_CHARS", "1000");
    server = TestServer.start(settings);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** An endless body that counts what the server pulled from it. */
  private static HttpRequest.BodyPublisher endless(AtomicLong sent, long max) {
    return HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
      @Override
      public int read() {
        return sent.incrementAndGet() > max ? -1 : ' ';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (sent.get() >= max) {
          return -1;
        }
        int n = (int) Math.min(len, max - sent.get());
        java.util.Arrays.fill(b, off, off + n, (byte) ' ');
        sent.addAndGet(n);
        return n;
      }
    });
  }

  private interface Exchange {
    HttpResponse<String> send() throws Exception;
  }

  /**
   * The answer to an upload the server refuses while the client is still sending. The server then
   * closes without reading the rest, and TCP may reset the connection before the client reads the
   * answer: that loss is the network's, and the body is still unread, which the callers check.
   */
  private static java.util.Optional<HttpResponse<String>> refusedMidUpload(Exchange exchange) throws Exception {
    try {
      return java.util.Optional.of(exchange.send());
    } catch (java.io.IOException reset) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The server answers 413 from the headers and closes with the body unread; the kernel may then reset
   * the connection before the client has read that answer (the same race as {@link #refusedMidUpload}).
   * Such a loss is the network's: ask again, a few times, and require one answer to be seen.
   */
  private static HttpResponse<String> answeredDespiteResets(Exchange exchange) throws Exception {
    java.io.IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return exchange.send();
      } catch (java.io.IOException reset) {
        last = reset;
      }
    }
    throw last;
  }

  private static HttpResponse<String> put(HttpRequest.BodyPublisher body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.api("realtime-settings")).PUT(body).timeout(TIMEOUT)
        .header("Content-Type", "application/json").header("X-Requested-With", "voice-plugin").header("If-Match", "\"0\"");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAnonymousWriteIsRefusedBeforeItsBodyIsRead() throws Exception {
    AtomicLong sent = new AtomicLong();
    java.util.Optional<HttpResponse<String>> response = refusedMidUpload(() -> put(endless(sent, 256L << 20)));
    response.ifPresent(r -> {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    });
    // The client can hand over a few MB into loopback socket buffers; a server reading the body would take all 256 MB.
    assertThat(sent.get()).as("bytes the client could send of a 256 MB anonymous body").isLessThan(32L << 20);
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413WithoutReading() throws Exception {
    byte[] big = new byte[1000 * 6 + 64 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> response = answeredDespiteResets(() -> put(HttpRequest.BodyPublishers.ofByteArray(big), admin("t1", "ann")));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":\"body_too_large\"");
  }

  @Test
  void aStreamedBodyIsCutOffAtTheLimit() throws Exception {
    AtomicLong sent = new AtomicLong();
    java.util.Optional<HttpResponse<String>> response = refusedMidUpload(() -> put(endless(sent, 256L << 20), admin("t1", "ann")));
    response.ifPresent(r -> {
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(r.body()).contains("\"code\":\"body_too_large\"").doesNotContain("at dev.");
    });
    assertThat(sent.get()).as("bytes the client could send of a 256 MB body").isLessThan(32L << 20);
  }

  @Test
  void otherWritesHaveASmallLimit() throws Exception {
    byte[] big = new byte[17 * 1024];
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.api("realtime-session")).timeout(TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)).header("X-Requested-With", "voice-plugin")
        .header("X-Test-Tenant", "t1").header("X-Test-User", "ann").header("X-Test-Admin", "true").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void aSettingsBodyWithTheLongestInstructionsFits() throws Exception {
    String instructions = "\\u00e9".repeat(1000); // every character escaped: 6 bytes each
    String body = "{\"settings\":{\"instructions\":\"" + instructions + "\"}}";
    HttpResponse<String> response = put(HttpRequest.BodyPublishers.ofString(body), admin("t2", "ann"));
    assertThat(response.statusCode()).isNotEqualTo(413);
  }
}
