package dev.voiceplugin.impl.relay;

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
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** One plugin and fake provider for a relay test class, and the steps every relay test takes. */
final class RelayTestSupport implements AutoCloseable {
  final FakeRealtimeProvider fake;
  final TestServer server;
  final ApiClient api;
  final String origin;

  RelayTestSupport(Map<String, String> overrides) {
    fake = FakeRealtimeProvider.start();
    Map<String, String> s = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    s.put("VOICE_TENANCY", HeaderTenancy.NAME);
    s.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    s.put("OPENAI_API_KEY", FakeRealtimeProvider.OPENAI_KEY);
    s.put("OPENAI_BASE_URL", fake.baseUrl());
    s.put("VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "2000");
    s.putAll(overrides);
    server = TestServer.start(s);
    api = new ApiClient(server.baseUri());
    origin = server.baseUri().toString().replaceAll("/$", "");
  }

  /** A ticket for {@code user} of {@code tenant}, asked for from the plugin's own origin. */
  ApiClient.Reply ticket(String tenant, String user) {
    return api.post("/api/v1/realtime-relay/tickets", "{}", with(admin(tenant, user), "Origin", origin));
  }

  URI socketUrl(ApiClient.Reply ticket) {
    assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
    return URI.create(server.baseUri().toString().replaceFirst("^http", "ws")).resolve(ticket.json().get("url").asText());
  }

  /** Ticket, socket, relay.call and the confirmed session: a session ready for audio. */
  RelayClient ready(String tenant, String user) throws Exception {
    RelayClient client = RelayClient.connect(socketUrl(ticket(tenant, user)), origin);
    client.awaitType("session.updated", Duration.ofSeconds(10));
    return client;
  }

  void putSettings(String tenant, Consumer<ObjectNode> change) {
    ApiClient.Reply current = api.get("/api/v1/realtime-settings", admin(tenant, "root"));
    ObjectNode settings = (ObjectNode) current.json().get("settings");
    change.accept(settings);
    ObjectNode body = settings.objectNode();
    body.set("settings", settings);
    ApiClient.Reply saved = api.put("/api/v1/realtime-settings", body, with(admin(tenant, "root"), "If-Match", current.header("ETag")));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  JsonNode call(String tenant, String id) {
    return api.get("/api/v1/realtime-calls/" + id, admin(tenant, "root")).json();
  }

  static String[] with(String[] headers, String name, String value) {
    String[] more = Arrays.copyOf(headers, headers.length + 2);
    more[headers.length] = name;
    more[headers.length + 1] = value;
    return more;
  }

  static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
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
