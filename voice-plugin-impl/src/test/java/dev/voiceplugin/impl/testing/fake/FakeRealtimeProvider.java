package dev.voiceplugin.impl.testing.fake;

import dev.voiceplugin.impl.config.VoiceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A strict stand-in for OpenAI's and Azure OpenAI's GA Realtime API on 127.0.0.1: real HTTP and
 * real WebSockets (embedded Jetty), so tests exercise the plugin's own HTTP client and sockets.
 * It refuses what the real provider would refuse (unknown session fields per the published schema,
 * wrong keys, a resource key where Azure wants an ephemeral one, a sideband with an ephemeral
 * key), records everything, and lets a test play the provider's side of a call.
 *
 * <pre>{@code
 * try (FakeRealtimeProvider fake = FakeRealtimeProvider.start()) {
 *   var provider = RealtimeCallProvider.fromConfig(fake.config(Map.of()));
 *   CreatedCall call = provider.create(settings, ProviderCredential.tenantKey(FakeRealtimeProvider.OPENAI_KEY),
 *       offer, user).join();
 *   Sideband sideband = provider.attach(settings, credential, call.providerCallId(), listener).join();
 *   fake.call(call.providerCallId()).push(FakeEvents.responseDone("resp_1", 10, 20, 0, 5, 30));
 *   assertThat(fake.violations()).isEmpty();
 * }
 * }</pre>
 *
 * Endpoints: {@code POST /v1/realtime/calls} (multipart with the standard key, or raw SDP with an
 * {@code ek_} it minted), {@code POST /v1/realtime/client_secrets}, Azure's {@code
 * /openai/v1/realtime/client_secrets} and {@code /openai/v1/realtime/calls} (raw SDP, {@code ek_}
 * only), {@code POST …/calls/{id}/hangup}, the sidebands {@code /v1/realtime?call_id=} and {@code
 * /openai/v1/realtime?call_id=}, and Entra ID's {@code /{tenant}/oauth2/v2.0/token}.
 *
 * <p>GPT-Live: {@code POST /v1/live/sessions} and {@code /openai/v1/live/sessions} (strict JSON,
 * see {@link FakeLiveSchema}), the sidebands {@code …/live/sessions/{id}/attach} (client events
 * checked per event type, {@code session.close} answered with {@code session.closed}); events to
 * push are in {@link FakeLiveEvents}.
 */
public final class FakeRealtimeProvider implements AutoCloseable {
  public static final String OPENAI_KEY = "sk-proj-FAKEkeyABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  public static final String AZURE_KEY = "fedcba9876543210fedcba9876543210";
  public static final String ENTRA_TENANT = "99999999-8888-7777-6666-555555555555";
  public static final String ENTRA_CLIENT_ID = "fake-app-client-id";
  public static final String ENTRA_CLIENT_SECRET = "fake~Entra.Client_secret-42";
  public static final String ENTRA_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJmYWtlIn0.ZmFrZXNpZw";
  /** The default SDP answer: minimal but shaped like the provider's (Opus, ICE-TCP, SCTP data channel). */
  public static final UnaryOperator<String> CANNED_ANSWER = offer -> String.join("\r\n",
      "v=0", "o=- 4227147428 1719357865 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
      "a=msid-semantic:WMS *", "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
      "a=candidate:1 1 tcp 2130706431 127.0.0.1 443 typ host tcptype passive", "a=ice-ufrag:fake", "a=ice-pwd:fakefakefakefakefakefake",
      "a=setup:passive", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
      "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=ice-ufrag:fake", "a=ice-pwd:fakefakefakefakefakefake",
      "a=setup:passive", "a=mid:1", "a=sctp-port:5000", "");

  /** A canned answer for the next request of one kind (a fault switch). */
  record Canned(int status, Map<String, String> headers, String body) {}

  /** Where a one-shot fault applies. */
  enum Stage { CREATE, MINT, HANGUP, SIDEBAND }

  private final Server server;
  private final ServerConnector connector;
  final Map<String, FakeCall> calls = new LinkedHashMap<>();
  final Map<String, Long> ephemeralKeys = new ConcurrentHashMap<>();
  final Map<String, com.fasterxml.jackson.databind.JsonNode> ephemeralSessions = new ConcurrentHashMap<>();
  final List<String> hangups = new ArrayList<>();
  final List<FakeStream> streams = new ArrayList<>();
  final List<RecordedRequest> requests = new ArrayList<>();
  final List<String> violations = new ArrayList<>();
  private final Map<Stage, Canned> faults = new HashMap<>();
  volatile UnaryOperator<String> answerer = CANNED_ANSWER;
  volatile boolean refuseSidebands;
  volatile boolean confirmStreams = true;
  volatile boolean liveAccess = true;
  final java.util.Set<String> customVoices = ConcurrentHashMap.newKeySet();

  private FakeRealtimeProvider() throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    WebSocketUpgradeHandler sidebands = WebSocketUpgradeHandler.from(server, container -> {
      // The provider's events can be large (a session with long instructions); Jetty's default is 64 KiB.
      container.setMaxTextMessageSize(16 << 20);
      container.setIdleTimeout(Duration.ofMinutes(5));
      FakeSidebandCreator creator = new FakeSidebandCreator(this);
      container.addMapping("/v1/realtime", creator);
      container.addMapping("/openai/v1/realtime", creator);
      container.addMapping("^(/openai)?/v1/live/sessions/[^/]+/attach$", new FakeLiveSidebandCreator(this));
    });
    sidebands.setHandler(new FakeRoutes(this));
    server.setHandler(sidebands);
    server.start();
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  public static FakeRealtimeProvider start() {
    try {
      return new FakeRealtimeProvider();
    } catch (Exception e) {
      throw new IllegalStateException("the fake provider did not start", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: OpenAI's base URL, an Azure endpoint and Entra ID's authority at once. */
  public String baseUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  /** Plugin configuration pointing OpenAI and Entra ID here, with short timeouts; {@code overrides} win. */
  public VoiceConfig config(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(Map.of(
        "OPENAI_BASE_URL", baseUrl(),
        "VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "1000",
        "VOICE_PROVIDER_READ_TIMEOUT_MS", "3000",
        "AZURE_TENANT_ID", ENTRA_TENANT,
        "AZURE_CLIENT_ID", ENTRA_CLIENT_ID,
        "AZURE_CLIENT_SECRET", ENTRA_CLIENT_SECRET,
        "AZURE_AUTHORITY_HOST", baseUrl()));
    values.putAll(overrides);
    return VoiceConfig.of(values);
  }

  /** Every call created, oldest first. */
  public synchronized List<FakeCall> calls() {
    return List.copyOf(calls.values());
  }

  /** The call with this id; fails the test when there is none. */
  public synchronized FakeCall call(String id) {
    FakeCall call = calls.get(id);
    if (call == null) {
      throw new AssertionError("the fake provider created no call " + id + "; it has " + calls.keySet());
    }
    return call;
  }

  /** The most recent call, if any. */
  public synchronized Optional<FakeCall> lastCall() {
    return calls.values().stream().reduce((a, b) -> b);
  }

  /** Call ids the plugin hung up, in order (repeats included). */
  public synchronized List<String> hangups() {
    return List.copyOf(hangups);
  }

  /** Every client secret ({@code ek_…}) this fake minted, e.g. to check that none reached a log. */
  public java.util.Set<String> mintedSecrets() {
    return java.util.Set.copyOf(ephemeralKeys.keySet());
  }

  /** Every HTTP request received (handshakes included), in order. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Requests on one path, in order. */
  public synchronized List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /**
   * Everything the fake refused as not what the real API accepts (besides wrong keys, which tests
   * provoke on purpose). Assert it is empty after a test.
   */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Returns and forgets the violations, for a test that provokes one on purpose. */
  public synchronized List<String> takeViolations() {
    List<String> taken = List.copyOf(violations);
    violations.clear();
    return taken;
  }

  /** Answers the next call creation (either provider) with {@code status} and this JSON error body. */
  public synchronized void failNextCreate(int status, String body) {
    faults.put(Stage.CREATE, new Canned(status, Map.of("Content-Type", "application/json"), body));
  }

  /** Answers the next call creation with exactly this (e.g. a 201 without Location, or HTML). */
  public synchronized void answerNextCreate(int status, Map<String, String> headers, String body) {
    faults.put(Stage.CREATE, new Canned(status, headers, body));
  }

  /** Answers the next client-secret mint (OpenAI or Azure) with {@code status} and this JSON body. */
  public synchronized void failNextMint(int status, String body) {
    faults.put(Stage.MINT, new Canned(status, Map.of("Content-Type", "application/json"), body));
  }

  /** Answers the next hang-up with {@code status} and this JSON body. */
  public synchronized void failNextHangup(int status, String body) {
    faults.put(Stage.HANGUP, new Canned(status, Map.of("Content-Type", "application/json"), body));
  }

  /** Refuses the next sideband handshake with {@code status} and this JSON body. */
  public synchronized void failNextSideband(int status, String body) {
    faults.put(Stage.SIDEBAND, new Canned(status, Map.of("Content-Type", "application/json"), body));
  }

  /** Refuses every sideband handshake with 503 until set back to false. */
  public void refuseSidebands(boolean refuse) {
    refuseSidebands = refuse;
  }

  /** GPT-Live: whether the key's project may use it (false: every session creation is answered 403). */
  public void liveAccess(boolean enabled) {
    liveAccess = enabled;
  }

  /** GPT-Live: a custom voice id this fake knows; any other {@code {id}} is refused as a voice it does not have. */
  public void addCustomVoice(String id) {
    customVoices.add(id);
  }

  /** How SDP answers are made from offers; the admin-ui tests plug in a real browser's answer. */
  public void answerOffersWith(UnaryOperator<String> answerer) {
    this.answerer = answerer;
  }

  /** The OpenAI/Azure error envelope. */
  public static String error(String type, String code, String message) {
    return "{\"error\":{\"message\":" + FakeEvents.quote(message) + ",\"type\":\"" + type + "\",\"param\":null,\"code\":"
        + (code == null ? "null" : "\"" + code + "\"") + "}}";
  }

  synchronized Optional<Canned> takeFault(Stage stage) {
    return Optional.ofNullable(faults.remove(stage));
  }

  synchronized void record(RecordedRequest request) {
    requests.add(request);
  }

  synchronized void violation(String what) {
    violations.add(what);
  }

  synchronized FakeStream addStream(FakeStream stream) {
    streams.add(stream);
    notifyAll();
    return stream;
  }

  /** Whether relay streams answer the first session.update (off: the relay waits for a confirmation that never comes). */
  public void confirmStreams(boolean confirm) {
    confirmStreams = confirm;
  }

  /** Every relay stream opened, oldest first. */
  public synchronized List<FakeStream> streams() {
    return List.copyOf(streams);
  }

  /** Waits for the {@code n}th relay stream (1-based). */
  public synchronized FakeStream awaitStream(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("relay stream " + n + " did not open within " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return streams.get(n - 1);
  }

  synchronized FakeCall addCall(FakeCall call) {
    calls.put(call.id(), call);
    return call;
  }

  synchronized Optional<FakeCall> findCall(String id) {
    return Optional.ofNullable(calls.get(id));
  }

  synchronized void hungUp(String id) {
    hangups.add(id);
  }

  /** Stops the server; open sidebands are dropped. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the fake provider did not stop", e);
    }
  }
}
