package dev.voiceplugin.ui.session;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for {@code POST /api/v1/realtime-session} (the mint endpoint) with the documented
 * success body, or with a queued problem+json failure. Every success carries a fresh client secret.
 */
public final class MintStub {
  /** The tenant settings the stub "minted": what the widget must send unchanged as session.update. */
  public static final String SESSION_UPDATE = """
      {"type":"session.update","session":{"type":"realtime","instructions":"You help ACME's administrators. Answer briefly.",\
      "output_modalities":["audio"],"audio":{"input":{"transcription":{"model":"gpt-4o-mini-transcribe","language":"en","prompt":null},\
      "turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":500,"idle_timeout_ms":null,\
      "create_response":true,"interrupt_response":true},"noise_reduction":{"type":"near_field"}},\
      "output":{"voice":"marin","speed":1.0}},"max_output_tokens":"inf"}}""";
  public static final String WEBRTC_URL = "https://api.openai.com/v1/realtime/calls";

  /** What one mint request carried. */
  public record MintRequest(String method, String csrfHeader, String body) {}

  /** status 0: the request fails at the network level; contentType: what the body is. */
  private record Failure(int status, String contentType, String body, Map<String, String> headers) {}

  private final List<MintRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> secrets = new CopyOnWriteArrayList<>();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private volatile String webrtcUrl = WEBRTC_URL;
  private volatile long validForSeconds = 120;

  private MintStub() {}

  static MintStub install(Page page) {
    MintStub stub = new MintStub();
    page.route("**/api/v1/realtime-session", stub::handle);
    return stub;
  }

  /** The next mint answers with this status and problem+json (then back to success). */
  public MintStub failNext(int status, String code, String detail, String hint, Map<String, String> headers) {
    String problem = String.format(
        "{\"type\":\"urn:voice-plugin:problem:%s\",\"title\":\"Error\",\"status\":%d,\"detail\":\"%s\",\"code\":\"%s\",\"hint\":\"%s\"}",
        code, status, detail, code, hint);
    failures.add(new Failure(status, "application/problem+json", problem, headers));
    return this;
  }

  /** The next mint answers with this status and body, as a proxy in front of the server might. */
  public MintStub answerNextWith(int status, String contentType, String body) {
    failures.add(new Failure(status, contentType, body, Map.of()));
    return this;
  }

  /** The next mint fails as if the server could not be reached. */
  public MintStub failNextAtTheNetwork() {
    failures.add(new Failure(0, null, null, Map.of()));
    return this;
  }

  public MintStub webrtcUrl(String url) {
    this.webrtcUrl = url;
    return this;
  }

  public MintStub validFor(long seconds) {
    this.validForSeconds = seconds;
    return this;
  }

  public List<MintRequest> requests() {
    return List.copyOf(requests);
  }

  /** The client secrets handed out, in order. */
  public List<String> secrets() {
    return List.copyOf(secrets);
  }

  private void handle(Route route) {
    var request = route.request();
    requests.add(new MintRequest(request.method(), request.headerValue("x-requested-with"), request.postData()));
    Failure failure = failures.poll();
    if (failure != null && failure.status() == 0) {
      route.abort("connectionrefused");
      return;
    }
    if (failure != null) {
      var headers = new java.util.HashMap<>(failure.headers());
      headers.put("Content-Type", failure.contentType());
      route.fulfill(new Route.FulfillOptions().setStatus(failure.status()).setHeaders(headers).setBody(failure.body()));
      return;
    }
    String secret = "ek_stub_" + (secrets.size() + 1) + "_" + Long.toHexString(System.nanoTime());
    secrets.add(secret);
    String body = String.format(
        "{\"provider\":\"openai\",\"model\":\"gpt-realtime\",\"clientSecret\":\"%s\",\"expiresAt\":%d,\"webrtcUrl\":\"%s\","
            + "\"sessionUpdate\":%s,\"iceServers\":[{\"urls\":[\"stun:127.0.0.1:3478\"],\"username\":null,\"credential\":null}],\"settingsVersion\":3}",
        secret, Instant.now().getEpochSecond() + validForSeconds, webrtcUrl, SESSION_UPDATE);
    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(body));
  }
}
