package dev.voiceplugin.webapp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The relay benchmark's N browsers for one cell, through the relay (a ticket, then the plugin's
 * socket, as the widget does) or straight to the provider (the reference), streaming frames on one
 * schedule whose start times are spread evenly over a period, as the frames of unrelated people are.
 */
final class RelayLoad implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A few clients rather than one, so that one selector thread does not carry every browser's reads. */
  private static final HttpClient[] CLIENTS = {HttpClient.newHttpClient(), HttpClient.newHttpClient(),
      HttpClient.newHttpClient(), HttpClient.newHttpClient()};

  private final List<PacedBrowser> browsers;
  private final ScheduledExecutorService pacing = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "bench-pacing");
    t.setDaemon(true);
    return t;
  });

  private RelayLoad(List<PacedBrowser> browsers) {
    this.browsers = browsers;
  }

  /** Opens {@code cookies.length} browsers through the plugin at {@code base}, each signed in as its own tenant's admin. */
  static RelayLoad relay(URI base, String[] cookies, String audio) throws Exception {
    String origin = base.toString().replaceAll("/$", "");
    List<CompletableFuture<PacedBrowser>> opening = new ArrayList<>();
    try {
      openRelayed(base, cookies, audio, origin, opening);
    } catch (Exception | Error e) {
      closeOpened(opening);
      throw e;
    }
    return new RelayLoad(join(opening));
  }

  private static void openRelayed(URI base, String[] cookies, String audio, String origin,
      List<CompletableFuture<PacedBrowser>> opening) throws Exception {
    for (int i = 0; i < cookies.length; i++) {
      HttpResponse<String> r = ticket(HttpRequest.newBuilder(base.resolve("/api/v1/realtime-relay/tickets"))
          .header("Cookie", cookies[i]).header("X-Requested-With", "voice-plugin").header("Origin", origin)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("ticket " + i + ": " + r.statusCode() + " " + r.body());
      }
      URI socket = URI.create(origin.replaceFirst("^http", "ws") + JSON.readTree(r.body()).get("url").asText());
      opening.add(PacedBrowser.open(CLIENTS[i % CLIENTS.length], socket, origin, false, audio));
    }
  }

  /**
   * One ticket, asked again once when the connection broke before an answer: the JDK does not
   * resend a POST on a pooled connection the server had just closed, and a run of 10 minutes should
   * not end on it (an unanswered ticket is never used, and expires by itself).
   */
  private static HttpResponse<String> ticket(HttpRequest request) throws Exception {
    try {
      return CLIENTS[0].send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException brokenConnection) {
      return CLIENTS[0].send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Opens {@code n} browsers straight to the provider's socket: the same generator without the relay. */
  static RelayLoad direct(URI provider, int n, String audio) {
    List<CompletableFuture<PacedBrowser>> opening = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      opening.add(PacedBrowser.open(CLIENTS[i % CLIENTS.length], provider, null, true, audio));
    }
    return new RelayLoad(join(opening));
  }

  /** All of them, or none: when one fails to open, those that did are closed before the failure is thrown. */
  private static List<PacedBrowser> join(List<CompletableFuture<PacedBrowser>> opening) {
    try {
      return opening.stream().map(CompletableFuture::join).toList();
    } catch (RuntimeException e) {
      closeOpened(opening);
      throw e;
    }
  }

  private static void closeOpened(List<CompletableFuture<PacedBrowser>> opening) {
    for (CompletableFuture<PacedBrowser> f : opening) {
      f.thenAccept(PacedBrowser::close);
    }
  }

  /** Starts every browser's frames, browser i offset by i/N of a period, and records into {@code window}. */
  void start(FrameStats window, Duration period) {
    long first = Frames.now() + Duration.ofMillis(50).toNanos();
    for (int i = 0; i < browsers.size(); i++) {
      browsers.get(i).start(pacing, window, first + period.toNanos() * i / browsers.size(), period);
    }
  }

  /** Browsers whose socket was closed under them, by close code and reason; empty when all are still open. */
  Map<String, Integer> closed() {
    Map<String, Integer> out = new TreeMap<>();
    for (PacedBrowser b : browsers) {
      if (b.closeCode() >= 0) {
        out.merge(b.closeCode() + " " + b.closeReason(), 1, Integer::sum);
      }
    }
    return out;
  }

  long queuedSends() {
    return browsers.stream().mapToLong(PacedBrowser::queuedSends).sum();
  }

  long errorEvents() {
    return browsers.stream().mapToLong(PacedBrowser::errorEvents).sum();
  }

  @Override
  public void close() {
    browsers.forEach(PacedBrowser::close);
    pacing.shutdownNow();
  }
}
