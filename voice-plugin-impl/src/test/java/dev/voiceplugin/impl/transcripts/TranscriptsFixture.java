package dev.voiceplugin.impl.transcripts;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.RelayClient;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The plugin on its own PostgreSQL schema against the fake provider, and the steps the transcript tests take. */
final class TranscriptsFixture implements AutoCloseable {
  static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
  static final Duration WAIT = Duration.ofSeconds(15);
  final FakeRealtimeProvider fake = FakeRealtimeProvider.start();
  final PostgresFixture.TestDatabase db = PostgresFixture.newDatabase();
  final TestServer server;
  final ApiClient api;
  final String origin;
  private final HttpClient http = HttpClient.newHttpClient();

  TranscriptsFixture() {
    Map<String, String> s = new HashMap<>(db.pluginSettings());
    s.put("VOICE_TENANCY", HeaderTenancy.NAME);
    s.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    s.put("OPENAI_API_KEY", FakeRealtimeProvider.OPENAI_KEY);
    s.put("OPENAI_BASE_URL", fake.baseUrl());
    s.put("VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "2000");
    server = TestServer.start(s);
    api = new ApiClient(server.baseUri());
    origin = server.baseUri().toString().replaceAll("/$", "");
  }

  /** Reads the tenant's settings, applies {@code change}, saves them; the reply of the save. */
  ApiClient.Reply save(String tenant, Consumer<ObjectNode> change) {
    ApiClient.Reply current = api.get("/api/v1/realtime-settings", admin(tenant, "root"));
    ObjectNode settings = (ObjectNode) current.json().get("settings");
    change.accept(settings);
    ObjectNode body = settings.objectNode();
    body.set("settings", settings);
    return api.put("/api/v1/realtime-settings", body, with(admin(tenant, "root"), "If-Match", current.header("ETag")));
  }

  void store(String tenant, int retentionDays) {
    ApiClient.Reply saved = save(tenant, s -> s.putObject("transcripts").put("store", true).put("retentionDays", retentionDays));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  /** A server-controlled call of {@code user}: its id and the fake provider's side of it, sideband attached. */
  record Call(String id, FakeCall fake) {}

  Call call(String tenant, String user) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(server.api("realtime-calls")).timeout(WAIT)
        .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(OFFER));
    String[] headers = admin(tenant, user);
    for (int i = 0; i < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> created = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    return new Call(path.substring(path.lastIndexOf('/') + 1), fake.lastCall().orElseThrow().awaitSideband());
  }

  void end(String tenant, Call call) throws Exception {
    assertThat(api.delete("/api/v1/realtime-calls/" + call.id(), admin(tenant, "root")).status()).isEqualTo(204);
    eventually(call.fake()::hungUp, "hang-up");
  }

  /** A relayed session ready for audio, and its call id. */
  RelayClient relay(String tenant, String user) throws Exception {
    ApiClient.Reply ticket = api.post("/api/v1/realtime-relay/tickets", "{}", with(admin(tenant, user), "Origin", origin));
    assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
    URI url = URI.create(server.baseUri().toString().replaceFirst("^http", "ws")).resolve(ticket.json().get("url").asText());
    RelayClient client = RelayClient.connect(url, origin);
    client.awaitType("session.updated", WAIT);
    return client;
  }

  JsonNode transcript(String tenant, String callId) {
    ApiClient.Reply reply = api.get("/api/v1/transcripts/" + callId, admin(tenant, "root"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** The transcript once it has {@code lines} lines (the writer is asynchronous). */
  JsonNode awaitLines(String tenant, String callId, int lines) throws InterruptedException {
    eventually(() -> {
      ApiClient.Reply reply = api.get("/api/v1/transcripts/" + callId, admin(tenant, "root"));
      return reply.status() == 200 && reply.json().at("/lines").size() >= lines;
    }, lines + " transcript lines of " + callId);
    return transcript(tenant, callId);
  }

  static String[] with(String[] headers, String... more) {
    String[] all = Arrays.copyOf(headers, headers.length + more.length);
    System.arraycopy(more, 0, all, headers.length, more.length);
    return all;
  }

  static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    server.close();
    fake.close();
  }
}
