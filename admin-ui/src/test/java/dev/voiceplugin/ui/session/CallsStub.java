package dev.voiceplugin.ui.session;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the server side of server-controlled calls: {@code GET realtime-calls/options},
 * {@code POST realtime-calls} (answered with the in-page model's SDP answer, as the server would
 * after placing the call at the provider: 201, {@code Location}, {@code X-Call-Ends-At}),
 * {@code GET} and {@code DELETE realtime-calls/{id}}. JSON shapes as the server's contract says.
 */
public final class CallsStub {
  private static final Pattern PATH = Pattern.compile("^https?://[^/]+(/.*)?/api/v1/realtime-calls(/[^/?]+)?(\\?.*)?$");

  /** What one request to the calls API carried. */
  public record Request(String method, String path, String contentType, String csrfHeader, String body) {}

  private record Failure(int status, String body, Map<String, String> headers) {}

  private final FakeModel model;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Failure> callFailures = new ArrayDeque<>();
  private volatile String mode = "server";
  /** null: the options say nothing of the relay, as a server from before it. */
  private volatile String relay;
  private volatile Duration callLasts = Duration.ofMinutes(30);
  private volatile String endReason;
  /** JSON members added to the options as they are, e.g. {@code "pushToTalk":"on"}; "" for none. */
  private volatile String extraOptions = "";
  private volatile String usage = "{\"inputTokens\":10,\"outputTokens\":20,\"totalTokens\":30}";
  private volatile String estimatedCost = "null";
  private volatile String provider = "openai";
  private final java.util.concurrent.atomic.AtomicInteger failCallReads = new java.util.concurrent.atomic.AtomicInteger();
  /** When each call ends, fixed when it is created (or first read: a relayed call is not created here). */
  private final Map<String, Instant> endsAt = new java.util.concurrent.ConcurrentHashMap<>();
  private int calls;

  private CallsStub(FakeModel model) {
    this.model = model;
  }

  /** Routes the calls API of {@code page} here; the mint stays with {@link MintStub}. */
  public static CallsStub install(Page page, FakeModel model) {
    CallsStub stub = new CallsStub(model);
    page.route(url -> PATH.matcher(url).matches(), stub::handle);
    return stub;
  }

  /** What the options say the tenant uses: "server" (the default here) or "browser". */
  public CallsStub mode(String mode) {
    this.mode = mode;
    return this;
  }

  /** What the options say of the relay: "off", "offer", "automatic", or null (not said at all). */
  public CallsStub relay(String relay) {
    this.relay = relay;
    return this;
  }

  /**
   * Members the options carry besides mode, ICE servers, the cap and relay, as JSON text without braces:
   * e.g. {@code "pushToTalk":"offered","userTranscription":false}. Issue #13's fields.
   */
  public CallsStub options(String members) {
    this.extraOptions = members;
    return this;
  }

  /** What GET of a call says it used so far and cost (null: no price known), from now on. */
  public CallsStub usage(long input, long output, Double cost) {
    this.usage = String.format("{\"inputTokens\":%d,\"outputTokens\":%d,\"totalTokens\":%d,\"sessionSeconds\":0.0,\"standbySeconds\":0.0}",
        input, output, input + output);
    this.estimatedCost = cost == null ? "null" : String.valueOf(cost);
    return this;
  }

  /** The provider GET of a call names (e.g. "openai-live": GPT-Live, billed by the second). */
  public CallsStub provider(String provider) {
    this.provider = provider;
    return this;
  }

  /** The next {@code n} GETs of a call answer 500 (then back to success). */
  public CallsStub failNextCallReads(int n) {
    failCallReads.set(n);
    return this;
  }

  /** How long from now the next calls end (X-Call-Ends-At). */
  public CallsStub callsLast(Duration duration) {
    this.callLasts = duration;
    return this;
  }

  /** From now on, GET of a call says it ended for this reason (null: it is active). */
  public CallsStub callEnded(String reason) {
    this.endReason = reason;
    return this;
  }

  /** The next POST of an offer answers with this problem (then back to success). */
  public CallsStub refuseNextCall(int status, String code, String detail, String hint, Map<String, String> headers) {
    String problem = String.format(
        "{\"type\":\"urn:voice-plugin:problem:%s\",\"title\":\"Error\",\"status\":%d,\"detail\":\"%s\",\"code\":\"%s\",\"hint\":\"%s\"}",
        code, status, detail, code, hint);
    callFailures.add(new Failure(status, problem, headers));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests with this method and path (below /api/v1), e.g. ("POST", "realtime-calls"). */
  public List<Request> requests(String method, String path) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
  }

  private void handle(Route route) {
    var request = route.request();
    Matcher m = PATH.matcher(request.url());
    m.matches();
    String tail = m.group(2) == null ? "" : m.group(2);
    String path = "realtime-calls" + tail;
    requests.add(new Request(request.method(), path, request.headerValue("content-type"),
        request.headerValue("x-requested-with"), request.postData()));
    switch (request.method() + " " + (tail.isEmpty() ? "" : tail.equals("/options") ? "options" : "call")) {
      case "GET options" -> json(route, 200, String.format(
          "{\"mode\":\"%s\",\"iceServers\":[{\"urls\":[\"stun:127.0.0.1:3478\"],\"username\":null,\"credential\":null}],"
              + "\"maxCallSeconds\":%d%s%s}", mode, callLasts.toSeconds(), relay == null ? "" : ",\"relay\":\"" + relay + "\"",
          extraOptions.isEmpty() ? "" : "," + extraOptions));
      case "POST " -> create(route, request.postData());
      case "GET call" -> {
        if (failCallReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          json(route, 500, "{\"code\":\"internal_error\",\"status\":500,\"detail\":\"Try again.\",\"requestId\":\"r1\"}");
        } else {
          json(route, 200, call(tail.substring(1)));
        }
      }
      case "DELETE call" -> route.fulfill(new Route.FulfillOptions().setStatus(204));
      default -> json(route, 405, "{\"code\":\"method_not_allowed\",\"status\":405,\"detail\":\"Not here.\"}");
    }
  }

  private void create(Route route, String offer) {
    Failure failure = callFailures.poll();
    if (failure != null) {
      var headers = new HashMap<>(failure.headers());
      headers.put("Content-Type", "application/problem+json");
      route.fulfill(new Route.FulfillOptions().setStatus(failure.status()).setHeaders(headers).setBody(failure.body()));
      return;
    }
    String answer = model.answer(offer);
    calls++;
    Instant ends = Instant.now().plus(callLasts);
    endsAt.put("call_" + calls, ends);
    route.fulfill(new Route.FulfillOptions().setStatus(201).setBody(answer).setHeaders(Map.of(
        "Content-Type", "application/sdp",
        "Location", "/api/v1/realtime-calls/call_" + calls,
        "X-Call-Ends-At", String.valueOf(ends.getEpochSecond()))));
  }

  private String call(String id) {
    String reason = endReason;
    Instant now = Instant.now();
    return String.format("{\"id\":\"%s\",\"userId\":\"ann\",\"status\":\"%s\",\"startedAt\":\"%s\",\"endsAt\":\"%s\","
            + "\"endedAt\":%s,\"endReason\":%s,\"usage\":%s,"
            + "\"estimatedCost\":%s,\"currency\":\"USD\",\"provider\":\"%s\",\"transport\":\"webrtc\"}",
        id, reason == null ? "active" : "ended", now.minusSeconds(60), endsAt.computeIfAbsent(id, k -> now.plus(callLasts)),
        reason == null ? "null" : "\"" + now + "\"", reason == null ? "null" : "\"" + reason + "\"", usage, estimatedCost, provider);
  }

  private static void json(Route route, int status, String body) {
    route.fulfill(new Route.FulfillOptions().setStatus(status)
        .setContentType(status < 400 ? "application/json" : "application/problem+json").setBody(body));
  }
}
