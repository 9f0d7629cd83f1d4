package dev.voiceplugin.impl.calls;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeLiveEvents;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GPT-Live calls keep the calls' ownership rules: a stopped owner's session is re-attached at …/attach, and the cap sends session.close. */
class LiveCallsAcrossInstancesTest {
  private final PostgresFixture.TestDatabase db = PostgresFixture.newDatabase();
  private FakeRealtimeProvider fake;

  @BeforeEach
  void startFake() {
    fake = FakeRealtimeProvider.start();
  }

  @AfterEach
  void stopFake() {
    fake.close();
    assertThat(fake.violations()).as("requests the real provider would refuse").isEmpty();
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

  private static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void toLive(TestServer on, String tenant) {
    assertThat(LiveSettingsJson.save(new ApiClient(on.baseUri()), admin(tenant, "root"), LiveSettingsJson::toLive).status())
        .isEqualTo(200);
  }

  @Test
  void whenTheOwnerStopsAnotherInstanceReattachesAndSecondsAreCountedOnce() throws Exception {
    TestServer one = TestServer.start(settings());
    try (TestServer two = TestServer.start(settings())) {
      toLive(one, "fo-live");
      HttpResponse<String> created = CallsApiTest.offer(one, admin("fo-live", "ann"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
      FakeCall call = fake.lastCall().orElseThrow().awaitSideband();
      call.push(FakeLiveEvents.usageUpdated(20));
      ApiClient viaTwo = new ApiClient(two.baseUri());
      await(() -> viaTwo.get(path, admin("fo-live", "root")).json().at("/usage/sessionSeconds").asDouble() == 20,
          Duration.ofSeconds(5), "seconds before failover");

      one.close(); // its sideband closes; closing a GPT-Live sideband does not end the session
      await(() -> call.sidebandCount() >= 2 && call.sidebandOpen(), Duration.ofSeconds(15), "instance two re-attaching");
      assertThat(call.sessionClosed()).as("the session ran on through the failover").isEmpty();
      assertThat(fake.requests().stream().filter(r -> r.path().endsWith("/attach")).map(r -> r.path()).distinct())
          .containsExactly("/v1/live/sessions/" + call.id() + "/attach");

      call.push(FakeLiveEvents.usageUpdated(20)); // replayed on attach
      call.push(FakeLiveEvents.usageUpdated(31.5));
      await(() -> viaTwo.get(path, admin("fo-live", "root")).json().at("/usage/sessionSeconds").asDouble() == 31.5,
          Duration.ofSeconds(5), "seconds after failover");
      assertThat(viaTwo.get(path, admin("fo-live", "root")).json().at("/status").asText()).isEqualTo("active");
      assertThat(viaTwo.delete(path, admin("fo-live", "ann")).status()).isEqualTo(204);
      assertThat(call.awaitSessionClosed()).isEqualTo("close_requested");
    } finally {
      one.close();
    }
  }

  @Test
  void theDurationCapEndsTheSessionWithSessionCloseAndKeepsItsFinalSeconds() throws Exception {
    try (TestServer server = TestServer.start(settings("VOICE_CALL_MAX_SECONDS", "2"))) {
      toLive(server, "short-live");
      HttpResponse<String> created = CallsApiTest.offer(server, admin("short-live", "ann"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      FakeCall call = fake.lastCall().orElseThrow().awaitSideband();
      assertThat(call.awaitSessionClosed()).isEqualTo("close_requested");
      assertThat(call.received()).extracting(e -> e.path("type").asText()).containsExactly("session.close");
      assertThat(call.hungUp()).isFalse();
      String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
      ApiClient api = new ApiClient(server.baseUri());
      await(() -> api.get(path, admin("short-live", "ann")).json().at("/usage/sessionSeconds").asDouble() >= 1.5,
          Duration.ofSeconds(5), "the seconds of session.closed");
      var view = api.get(path, admin("short-live", "ann")).json();
      assertThat(view.at("/status").asText()).isEqualTo("ended");
      assertThat(view.at("/endReason").asText()).isEqualTo("duration_cap");
    }
  }
}
