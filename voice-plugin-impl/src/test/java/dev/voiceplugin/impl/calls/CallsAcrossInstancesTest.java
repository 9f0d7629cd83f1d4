package dev.voiceplugin.impl.calls;

import static dev.voiceplugin.impl.calls.CallsApiTest.OFFER;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeEvents;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances on one database: the concurrency cap holds exactly, a dead owner's calls are taken over, the duration cap hangs up. */
class CallsAcrossInstancesTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final PostgresFixture.TestDatabase db = PostgresFixture.newDatabase();
  private FakeRealtimeProvider fake;

  @BeforeEach
  void startFake() {
    fake = FakeRealtimeProvider.start();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private Map<String, String> settings(String... extra) {
    Map<String, String> s = new HashMap<>(db.pluginSettings());
    s.put("VOICE_TENANCY", HeaderTenancy.NAME);
    s.put("OPENAI_API_KEY", FakeRealtimeProvider.OPENAI_KEY);
    s.put("OPENAI_BASE_URL", fake.baseUrl());
    for (int i = 0; i < extra.length; i += 2) {
      s.put(extra[i], extra[i + 1]);
    }
    return s;
  }

  private HttpResponse<String> offer(TestServer on, String tenant, String user) throws Exception {
    return http.send(HttpRequest.newBuilder(on.api("realtime-calls")).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/sdp").header("X-Test-Tenant", tenant).header("X-Test-User", user)
        .header("X-Test-Admin", "true").header("X-Requested-With", "voice-plugin")
        .POST(HttpRequest.BodyPublishers.ofString(OFFER)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void capAt(ApiClient api, String tenant, int cap) {
    ApiClient.Reply current = api.get("/api/v1/realtime-settings", admin(tenant, "root"));
    var settings = (com.fasterxml.jackson.databind.node.ObjectNode) current.json().get("settings");
    settings.put("maxConcurrentCalls", cap);
    var body = settings.objectNode();
    body.set("settings", settings);
    String[] headers = java.util.Arrays.copyOf(admin(tenant, "root"), 10);
    headers[8] = "If-Match";
    headers[9] = current.header("ETag");
    assertThat(api.put("/api/v1/realtime-settings", body, headers).status()).isEqualTo(200);
  }

  @Test
  void theConcurrencyCapHoldsExactlyAcrossInstances() throws Exception {
    try (TestServer one = TestServer.start(settings()); TestServer two = TestServer.start(settings())) {
      capAt(new ApiClient(one.baseUri()), "shared", 3);
      Thread.sleep(300); // the settings change reaches instance two (LISTEN/NOTIFY)
      java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        java.util.List<java.util.concurrent.Future<HttpResponse<String>>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
          TestServer on = i % 2 == 0 ? one : two;
          String user = "u" + i;
          replies.add(clients.submit(() -> offer(on, "shared", user)));
        }
        int created = 0;
        for (var reply : replies) {
          int status = reply.get().statusCode();
          assertThat(status).isIn(201, 429);
          created += status == 201 ? 1 : 0;
        }
        assertThat(created).as("calls created by 8 concurrent offers through two instances, cap 3").isEqualTo(3);
      } finally {
        clients.shutdownNow();
      }
    }
  }

  @Test
  void whenTheOwnerStopsAnotherInstanceReattachesAndUsageIsCountedOnce() throws Exception {
    TestServer one = TestServer.start(settings());
    try (TestServer two = TestServer.start(settings())) {
      HttpResponse<String> created = offer(one, "fo", "ann");
      assertThat(created.statusCode()).isEqualTo(201);
      String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
      FakeCall call = fake.lastCall().orElseThrow().awaitSideband();
      call.push(FakeEvents.responseDone("resp_before", 10, 0, 0, 5, 0));
      ApiClient viaTwo = new ApiClient(two.baseUri());
      await(() -> viaTwo.get(path, admin("fo", "root")).json().at("/usage/totalTokens").asLong() == 15, Duration.ofSeconds(5),
          "usage before failover");

      long stopped = System.nanoTime();
      one.close(); // its sideband closes, its lease is no longer renewed
      await(() -> call.sidebandCount() >= 2 && call.sidebandOpen(), Duration.ofSeconds(15), "instance two re-attaching");
      System.out.printf("failover: the sideband was re-attached %d ms after the owner stopped%n",
          (System.nanoTime() - stopped) / 1_000_000);

      call.push(FakeEvents.responseDone("resp_before", 10, 0, 0, 5, 0)); // replayed: not counted again
      call.push(FakeEvents.responseDone("resp_after", 20, 0, 0, 7, 0));
      await(() -> viaTwo.get(path, admin("fo", "root")).json().at("/usage/totalTokens").asLong() == 42, Duration.ofSeconds(5),
          "usage after failover");
      Thread.sleep(300);
      assertThat(viaTwo.get(path, admin("fo", "root")).json().at("/usage/totalTokens").asLong()).isEqualTo(42);
      assertThat(viaTwo.get(path, admin("fo", "root")).json().at("/status").asText()).isEqualTo("active");
    } finally {
      one.close();
    }
  }

  @Test
  void theDurationCapHangsTheCallUp() throws Exception {
    try (TestServer server = TestServer.start(settings("VOICE_CALL_MAX_SECONDS", "2"))) {
      HttpResponse<String> created = offer(server, "short", "ann");
      assertThat(created.statusCode()).isEqualTo(201);
      long endsAt = Long.parseLong(created.headers().firstValue("X-Call-Ends-At").orElseThrow());
      assertThat(endsAt - System.currentTimeMillis() / 1000).isBetween(0L, 3L);
      FakeCall call = fake.lastCall().orElseThrow().awaitSideband();
      await(call::hungUp, Duration.ofSeconds(6), "the hang-up at the cap");
      String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
      var view = new ApiClient(server.baseUri()).get(path, admin("short", "ann")).json();
      assertThat(view.at("/status").asText()).isEqualTo("ended");
      assertThat(view.at("/endReason").asText()).isEqualTo("duration_cap");
    }
  }
}
