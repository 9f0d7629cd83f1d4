package dev.voiceplugin.ui.usage;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the tenant administrator's calls and usage API (the server side is built alongside):
 * {@code GET realtime-calls?status=active}, {@code DELETE realtime-calls/{id}}, {@code GET usage/daily}
 * and {@code GET usage/users}, with the contract's JSON shapes. A resource can be made to fail.
 */
public final class UsageStub {
  private static final Pattern API = Pattern.compile("^https?://[^/]+/api/v1/(realtime-calls|usage)(/[^?]*)?(\\?.*)?$");

  /** What one request carried. */
  public record Request(String method, String path, String query, String csrfHeader) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Map<String, String> failures = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile String daily = days(30, i -> "0,0,0,0");
  private volatile String users = "{\"currency\":\"USD\",\"users\":[]}";

  private UsageStub() {}

  public static UsageStub install(Page page) {
    UsageStub stub = new UsageStub();
    page.route(url -> API.matcher(url).matches(), stub::handle);
    return stub;
  }

  /** A call of the contract's shape, started {@code secondsAgo}. */
  public static String call(String id, String user, long secondsAgo, long tokens, String cost) {
    Instant started = Instant.now().minusSeconds(secondsAgo);
    return String.format("{\"id\":\"%s\",\"userId\":\"%s\",\"status\":\"active\",\"startedAt\":\"%s\",\"endsAt\":\"%s\","
            + "\"endedAt\":null,\"endReason\":null,\"usage\":{\"inputTokens\":%d,\"outputTokens\":%d,\"totalTokens\":%d},"
            + "\"estimatedCost\":%s,\"currency\":\"USD\"}",
        id, user, started, started.plusSeconds(1800), tokens / 3, tokens - tokens / 3, tokens, cost);
  }

  /** A GPT-Live call: billed by the second, with {@code tokens} of a backend model on top (0 for none). */
  public static String liveCall(String id, String user, long secondsAgo, double sessionSeconds, long tokens, String cost) {
    Instant started = Instant.now().minusSeconds(secondsAgo);
    return String.format(java.util.Locale.ROOT, "{\"id\":\"%s\",\"userId\":\"%s\",\"status\":\"active\",\"startedAt\":\"%s\","
            + "\"endsAt\":\"%s\",\"endedAt\":null,\"endReason\":null,\"usage\":{\"inputTokens\":%d,\"outputTokens\":0,"
            + "\"totalTokens\":%d,\"sessionSeconds\":%.1f,\"standbySeconds\":0},\"estimatedCost\":%s,\"currency\":\"USD\","
            + "\"provider\":\"openai-live\"}", id, user, started, started.plusSeconds(1800), tokens, tokens, sessionSeconds, cost);
  }

  /**
   * {@code count} days ending today, oldest first; {@code row} gives "calls,minutes,totalTokens,cost"
   * for day i (cost may be "null").
   */
  public static String days(int count, IntFunction<String> row) {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String[] v = row.apply(i).split(",");
      long tokens = Long.parseLong(v[2]);
      out.add(String.format("{\"day\":\"%s\",\"calls\":%s,\"minutes\":%s,\"inputTokens\":%d,\"outputTokens\":%d,\"totalTokens\":%d,"
          + "\"estimatedCost\":%s}", today.minusDays(count - 1 - i), v[0], v[1], tokens / 2, tokens - tokens / 2, tokens, v[3]));
    }
    return "{\"currency\":\"USD\",\"days\":[" + String.join(",", out) + "]}";
  }

  public UsageStub calls(String... callsJson) {
    calls.clear();
    calls.addAll(List.of(callsJson));
    return this;
  }

  public UsageStub daily(String json) {
    this.daily = json;
    return this;
  }

  public UsageStub users(String json) {
    this.users = json;
    return this;
  }

  /** Requests for {@code path} ("realtime-calls", "usage/daily", "usage/users") answer with this problem. */
  public UsageStub fail(String path, int status, String code, String detail, String hint) {
    failures.put(path, String.format("%d|{\"type\":\"urn:voice-plugin:problem:%s\",\"title\":\"Error\",\"status\":%d,"
        + "\"detail\":\"%s\",\"code\":\"%s\",\"hint\":\"%s\"}", status, code, status, detail, code, hint));
    return this;
  }

  public List<Request> requests(String method, String path) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
  }

  private void handle(Route route) {
    var request = route.request();
    Matcher m = API.matcher(request.url());
    m.matches();
    String path = m.group(1) + (m.group(2) == null ? "" : m.group(2));
    requests.add(new Request(request.method(), path, m.group(3), request.headerValue("x-requested-with")));
    String failure = failures.get(path);
    if (failure != null) {
      int bar = failure.indexOf('|');
      route.fulfill(new Route.FulfillOptions().setStatus(Integer.parseInt(failure.substring(0, bar)))
          .setContentType("application/problem+json").setBody(failure.substring(bar + 1)));
      return;
    }
    if (request.method().equals("DELETE") && path.startsWith("realtime-calls/")) {
      String id = path.substring("realtime-calls/".length());
      calls.removeIf(c -> c.contains("\"id\":\"" + id + "\""));
      route.fulfill(new Route.FulfillOptions().setStatus(204));
      return;
    }
    String body = switch (path) {
      case "realtime-calls" -> "{\"items\":[" + String.join(",", calls) + "]}";
      case "usage/daily" -> daily;
      case "usage/users" -> users;
      default -> null;
    };
    if (body == null) {
      route.fulfill(new Route.FulfillOptions().setStatus(404).setContentType("application/problem+json")
          .setBody("{\"code\":\"not_found\",\"status\":404,\"detail\":\"Not found.\"}"));
      return;
    }
    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(body));
  }
}
