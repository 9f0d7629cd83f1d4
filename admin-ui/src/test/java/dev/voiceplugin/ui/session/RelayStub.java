package dev.voiceplugin.ui.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the plugin's side of the WebSocket relay (notes/relay-protocol.md), which is built
 * alongside: {@code POST realtime-relay/tickets} through {@code page.route}, and the socket through
 * {@code page.routeWebSocket}, scripted from the test. By default every connection is answered as
 * the plugin does once the provider confirmed the session: {@code relay.call}, then
 * {@code session.updated}. Everything the widget sends is recorded, parsed.
 */
public final class RelayStub {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBE = FakeModel.resource("/session/relay-probe.js");

  /** What one ticket request carried. */
  public record TicketRequest(String method, String contentType, String csrfHeader, String body) {}

  /** One message as the page sent it: when (ms on the page's clock), its type, and for an append how many PCM bytes. */
  public record Sent(double atMs, String type, int bytes) {}

  /** How the widget closed a socket. */
  public record Closed(int code, String reason) {}

  private final List<TicketRequest> tickets = new CopyOnWriteArrayList<>();
  private final Deque<String> refusals = new ArrayDeque<>();
  private final List<String> urls = new CopyOnWriteArrayList<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<Closed> closedByWidget = new CopyOnWriteArrayList<>();
  private final Page page;
  private volatile WebSocketRoute socket;
  private volatile boolean confirm = true;
  /** Playwright reports a close the test made itself too; only the widget's count. */
  private volatile boolean closingFromServer;
  private volatile String ticketBody;
  private int issued;

  private RelayStub(Page page) {
    this.page = page;
  }

  /** Routes the relay's ticket endpoint and socket of {@code page} here. Call before the page is loaded. */
  public static RelayStub install(Page page) {
    RelayStub stub = new RelayStub(page);
    page.addInitScript(PROBE);
    page.route("**/api/v1/realtime-relay/tickets", stub::ticket);
    page.routeWebSocket(url -> url.contains("/api/v1/realtime-relay?ticket="), stub::connect);
    return stub;
  }

  /** false: answer a connection with relay.call only, and leave session.updated to {@link #confirmSession()}. */
  public RelayStub confirmSessions(boolean confirm) {
    this.confirm = confirm;
    return this;
  }

  /** The next ticket request is refused with this problem (then back to success). */
  public RelayStub refuseNextTicket(int status, String code, String detail, String hint) {
    refusals.add(String.format("%d|{\"type\":\"urn:voice-plugin:problem:%s\",\"title\":\"Error\",\"status\":%d,"
        + "\"detail\":\"%s\",\"code\":\"%s\",\"hint\":\"%s\"}", status, code, status, detail, code, hint));
    return this;
  }

  /** Every ticket from now on is answered with this body (201) instead of a usable one. */
  public RelayStub answerTicketsWith(String json) {
    this.ticketBody = json;
    return this;
  }

  /** Sends session.updated on the current socket, as the plugin does once the provider confirmed. */
  public void confirmSession() {
    send("{\"type\":\"session.updated\",\"event_id\":\"event_relay_1\",\"session\":{\"type\":\"realtime\","
        + "\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}},"
        + "\"output\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000},\"voice\":\"marin\"}}}}");
  }

  /** Sends one server event (JSON text) to the widget. */
  public void send(String json) {
    if (socket == null) {
      throw new IllegalStateException("the widget has not opened the relay socket");
    }
    socket.send(json);
  }

  /** Closes the socket from the server's side with this code and reason. */
  public void close(int code, String reason) {
    closingFromServer = true;
    socket.close(new WebSocketRoute.CloseOptions().setCode(code).setReason(reason));
  }

  public boolean connected() {
    return socket != null;
  }

  public List<TicketRequest> tickets() {
    return List.copyOf(tickets);
  }

  /** The URLs the widget opened sockets to, in order. */
  public List<String> urls() {
    return List.copyOf(urls);
  }

  /** Every message the widget sent, parsed, in order, over all sockets. */
  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  public List<JsonNode> received(String type) {
    return received.stream().filter(e -> type.equals(e.path("type").asText())).toList();
  }

  /** The input_audio_buffer.append messages the page sent, timed by the page (see relay-probe.js). */
  public List<Sent> appendTimes() {
    return sentTimes().stream().filter(s -> s.type().equals("input_audio_buffer.append")).toList();
  }

  /** Every message the page sent on relay sockets, timed by the page. */
  public List<Sent> sentTimes() {
    @SuppressWarnings("unchecked")
    List<java.util.Map<String, Object>> list = (List<java.util.Map<String, Object>>) page.evaluate("() => window.__relayProbe.sent");
    return list.stream().map(m -> new Sent(((Number) m.get("t")).doubleValue(), (String) m.get("type"),
        ((Number) m.get("bytes")).intValue())).toList();
  }

  /** When (ms on the page's clock) the widget first entered {@code state}, or NaN. */
  public double stateAt(String state) {
    return ((Number) page.evaluate("s => (window.__relayProbe.states.find(e => e.state === s) || {t: NaN}).t", state)).doubleValue();
  }

  /** How the widget closed its sockets, in order. */
  public List<Closed> closedByWidget() {
    return List.copyOf(closedByWidget);
  }

  private void ticket(Route route) {
    var request = route.request();
    tickets.add(new TicketRequest(request.method(), request.headerValue("content-type"), request.headerValue("x-requested-with"),
        request.postData()));
    String refusal = refusals.poll();
    if (refusal != null) {
      String[] parts = refusal.split("\\|", 2);
      route.fulfill(new Route.FulfillOptions().setStatus(Integer.parseInt(parts[0])).setContentType("application/problem+json")
          .setBody(parts[1]));
      return;
    }
    issued++;
    String ticket = "tkt_" + issued + "_AbC-x9";
    String body = ticketBody != null ? ticketBody : String.format(
        "{\"ticket\":\"%s\",\"url\":\"/api/v1/realtime-relay?ticket=%s\",\"expiresAt\":\"%s\",\"maxCallSeconds\":600,"
            + "\"audio\":{\"format\":\"audio/pcm\",\"rate\":24000}}", ticket, ticket, Instant.now().plusSeconds(30));
    route.fulfill(new Route.FulfillOptions().setStatus(201).setContentType("application/json").setBody(body));
  }

  private void connect(WebSocketRoute ws) {
    socket = ws;
    closingFromServer = false;
    urls.add(ws.url());
    ws.onMessage(frame -> {
      String text = frame.text();
      if (text == null) {
        received.add(JSON.createObjectNode().put("type", "(binary)"));
        return;
      }
      try {
        received.add(JSON.readTree(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    ws.onClose((code, reason) -> {
      if (!closingFromServer) {
        closedByWidget.add(new Closed(code == null ? 0 : code, reason));
      }
    });
    ws.send("{\"type\":\"relay.call\",\"callId\":\"4f1c2a9e-0000-4000-8000-00000000000" + urls.size() + "\",\"endsAt\":\""
        + Instant.now().plusSeconds(600) + "\"}");
    if (confirm) {
      confirmSession();
    }
  }
}
