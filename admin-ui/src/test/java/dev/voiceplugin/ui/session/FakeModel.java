package dev.voiceplugin.ui.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The provider's WebRTC side, played by a real RTCPeerConnection inside the page
 * ({@code session/fake-model.js}): the widget's SDP POST to {@code .../v1/realtime/calls} is routed
 * here and answered with that peer's answer, exactly as the provider answers (201 + SDP + Location).
 * A POST can instead be refused once with a given status and body.
 */
public final class FakeModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CALLS = Pattern.compile("^https?://[^/]+(/openai)?/v1/realtime/calls(\\?.*)?$");
  private static final String SCRIPT = resource("/session/fake-model.js");

  /** What one SDP POST carried. */
  public record CallRequest(String url, String authorization, String contentType, String offer) {}

  /** status 0: the request fails at the network level (connection refused). */
  private record Refusal(int status, String contentType, String body) {}

  private final Page page;
  private final List<CallRequest> calls = new CopyOnWriteArrayList<>();
  private final AtomicReference<Refusal> refusal = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicBoolean withoutCandidates = new java.util.concurrent.atomic.AtomicBoolean();

  private FakeModel(Page page) {
    this.page = page;
  }

  /** Adds the in-page model and routes the SDP POST to it. Call before the page is loaded. */
  static FakeModel install(Page page) {
    FakeModel model = new FakeModel(page);
    page.addInitScript(SCRIPT);
    page.route(url -> CALLS.matcher(url).matches(), model::handle);
    return model;
  }

  /** The next SDP POST is answered with this status and body instead of the model's SDP answer. */
  public FakeModel answerNextOfferWith(int status, String contentType, String body) {
    refusal.set(new Refusal(status, contentType, body));
    return this;
  }

  /** The next SDP POST fails as if the provider could not be reached (connection refused). */
  public FakeModel failNextOfferAtTheNetwork() {
    refusal.set(new Refusal(0, null, null));
    return this;
  }

  /**
   * The next SDP answer (to the widget's POST, or {@link #answer} for a server-mode stub) carries no
   * ICE candidates, so the widget has nowhere to connect to: what a firewall that blocks UDP looks
   * like from the browser.
   */
  public FakeModel answerNextOfferWithoutCandidates() {
    withoutCandidates.set(true);
    return this;
  }

  /**
   * The model's SDP answer to {@code offer}, for a stub that plays a server placing the call at the
   * provider on the browser's behalf (server mode); call it from a route handler.
   */
  public String answer(String offer) {
    return withoutCandidatesIfAsked((String) page.evaluate("offer => window.__fakeModel.answer(offer)", offer));
  }

  public List<CallRequest> calls() {
    return List.copyOf(calls);
  }

  /** Every event the widget sent on the data channel, in order. */
  public List<JsonNode> received() {
    return parseList(page.evaluate("() => JSON.stringify(window.__fakeModel.received)"));
  }

  public List<JsonNode> received(String type) {
    return received().stream().filter(e -> type.equals(e.path("type").asText())).toList();
  }

  public List<String> channelLabels() {
    return strings("window.__fakeModel.channelLabels");
  }

  /** The voice-session-state events the page saw, in order. */
  public List<String> states() {
    return strings("window.__fakeModel.states");
  }

  public List<String> cspViolations() {
    return strings("window.__fakeModel.cspViolations");
  }

  /** The constraints of each getUserMedia call, as the page's JSON text, in order. */
  public List<String> microphoneConstraints() {
    return strings("window.__fakeModel.constraints");
  }

  /** The details of every voice-session-usage event the page saw, in order. */
  public List<JsonNode> usageEvents() {
    return parseList(page.evaluate("() => JSON.stringify(window.__fakeModel.usage)"));
  }

  /** The page's GETs of a call (usage polls, ended checks): {t, url, aborted, done}, in order. */
  public List<JsonNode> callReads() {
    return parseList(page.evaluate("() => JSON.stringify(window.__fakeModel.callReads)"));
  }

  /** The most GETs of a call that were ever under way at once. */
  public int maxCallReadsInFlight() {
    return ((Number) page.evaluate("() => window.__fakeModel.maxCallReadsInFlight")).intValue();
  }

  /** Every GET of a call waits this long before it is sent, as a slow server would answer. */
  public void delayCallReads(int millis) {
    page.evaluate("ms => { window.__fakeModel.callReadDelayMs = ms; }", millis);
  }

  public int getUserMediaCalls() {
    return ((Number) page.evaluate("() => window.__fakeModel.getUserMediaCalls")).intValue();
  }

  /** Sends one server event (JSON) to the widget. */
  public void send(String eventJson) {
    page.evaluate("e => window.__fakeModel.send(JSON.parse(e))", eventJson);
  }

  /** Sends server events in order, each a few milliseconds after the one before. */
  public void sendAll(List<String> eventsJson) {
    page.evaluate("list => window.__fakeModel.sendAll(list.map(e => JSON.parse(e)))", eventsJson);
  }

  /** The first event the model sends when the data channel opens; null for none (a GPT-Live test sends its own). */
  public void greetWith(String eventJson) {
    page.evaluate("e => { window.__fakeModel.greeting = e ? JSON.parse(e) : null; }", eventJson);
  }

  /** Whether the model's end of the data channel is open, so events can be sent. */
  public boolean channelOpen() {
    return Boolean.TRUE.equals(page.evaluate("() => window.__fakeModel.channel?.readyState === 'open'"));
  }

  /** Whether session.update is answered with session.updated. */
  public void replySessionUpdated(boolean reply) {
    page.evaluate("r => { window.__fakeModel.replySessionUpdated = r; }", reply);
  }

  /** Answers session.update with this error event instead. */
  public void rejectSessionUpdate(String errorEventJson) {
    page.evaluate("e => { window.__fakeModel.rejectSessionUpdate = JSON.parse(e); }", errorEventJson);
  }

  /** Makes getUserMedia fail with a DOMException of this name (null: work again). */
  public void microphoneFails(String domExceptionName) {
    page.evaluate("n => { window.__fakeModel.micError = n; }", domExceptionName);
  }

  /** Drops the call from the provider's side. */
  public void hangUp() {
    page.evaluate("() => window.__fakeModel.hangUp()");
  }

  /** Audio bytes the widget's peer connection has received. */
  public long widgetInboundAudioBytes() {
    return ((Number) page.evaluate("() => window.__fakeModel.widgetInboundAudioBytes()")).longValue();
  }

  /** The widget's connection and microphone as the test sees them. */
  public WidgetMedia widgetMedia() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) page.evaluate("() => window.__fakeModel.widget()");
    return new WidgetMedia((String) m.get("connectionState"), (String) m.get("signalingState"),
        (Boolean) m.get("senderTrackEnabled"), (String) m.get("microphoneReadyState"),
        ((Number) m.get("liveMicrophoneTracks")).intValue(), (String) m.get("modelChannelState"));
  }

  /** The widget's RTCPeerConnection, microphone and the model's end of the data channel. */
  public record WidgetMedia(String connectionState, String signalingState, Boolean senderTrackEnabled,
      String microphoneReadyState, int liveMicrophoneTracks, String modelChannelState) {}

  private void handle(Route route) {
    var request = route.request();
    calls.add(new CallRequest(request.url(), request.headerValue("authorization"), request.headerValue("content-type"),
        request.postData()));
    Map<String, String> cors = Map.of("Access-Control-Allow-Origin", "*", "Access-Control-Expose-Headers", "Location");
    Refusal refused = refusal.getAndSet(null);
    if (refused != null && refused.status() == 0) {
      route.abort("connectionrefused");
      return;
    }
    if (refused != null) {
      var headers = new java.util.HashMap<>(cors);
      headers.put("Content-Type", refused.contentType());
      route.fulfill(new Route.FulfillOptions().setStatus(refused.status()).setHeaders(headers).setBody(refused.body()));
      return;
    }
    String answer;
    try {
      answer = (String) page.evaluate("offer => window.__fakeModel.answer(offer)", request.postData());
    } catch (PlaywrightException e) {
      // The widget never shows a provider's body, so say here why the test is about to fail.
      System.err.println("[fake model] could not answer the offer: " + e.getMessage());
      route.fulfill(new Route.FulfillOptions().setStatus(500).setHeaders(cors).setBody("fake model failed: " + e.getMessage()));
      return;
    }
    answer = withoutCandidatesIfAsked(answer);
    var headers = new java.util.HashMap<>(cors);
    headers.put("Content-Type", "application/sdp");
    headers.put("Location", "/v1/realtime/calls/rtc_fake_" + calls.size());
    route.fulfill(new Route.FulfillOptions().setStatus(201).setHeaders(headers).setBody(answer));
  }

  private String withoutCandidatesIfAsked(String answer) {
    return withoutCandidates.getAndSet(false) ? answer.replaceAll("(?m)^a=candidate:.*\r?\n", "") : answer;
  }

  private List<String> strings(String expression) {
    List<String> out = new ArrayList<>();
    parseList(page.evaluate("() => JSON.stringify(" + expression + ")")).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<JsonNode> parseList(Object json) {
    try {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree((String) json).forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = FakeModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
