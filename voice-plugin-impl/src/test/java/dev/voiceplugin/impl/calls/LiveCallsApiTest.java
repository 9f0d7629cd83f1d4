package dev.voiceplugin.impl.calls;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static dev.voiceplugin.impl.testing.HeaderTenancy.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeLiveEvents;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GPT-Live calls over real HTTP against the strict fake: the same endpoint as Realtime calls,
 * billed in seconds, ended with session.close; its settings rules, failures, faults and isolation.
 */
class LiveCallsApiTest {
  static FakeRealtimeProvider fake;
  static TestServer server;
  static ApiClient api;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    fake = FakeRealtimeProvider.start();
    Map<String, String> s = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    s.put("VOICE_TENANCY", HeaderTenancy.NAME);
    s.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    s.put("OPENAI_API_KEY", FakeRealtimeProvider.OPENAI_KEY);
    s.put("OPENAI_BASE_URL", fake.baseUrl());
    s.put("VOICE_PRICE_TABLE", "{\"gpt-realtime\":{\"inputText\":4,\"inputAudio\":32,\"inputCached\":0.4,\"outputText\":16,"
        + "\"outputAudio\":64},\"gpt-live-1.1\":{\"perSecond\":0.001,\"standbyPerSecond\":0.0004},"
        + "\"gpt-5.5\":{\"inputText\":2,\"inputAudio\":0,\"inputCached\":0.2,\"outputText\":10,\"outputAudio\":0}}");
    server = TestServer.start(s);
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
  }

  @AfterEach
  void nothingUnlawful() {
    assertThat(fake.takeViolations()).as("requests the real provider would refuse").isEmpty();
  }

  static void live(String tenant, Consumer<ObjectNode> more) {
    ApiClient.Reply saved = LiveSettingsJson.save(api, admin(tenant, "root"), s -> {
      LiveSettingsJson.toLive(s);
      more.accept(s);
    });
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  static HttpResponse<String> offer(String... headers) throws Exception {
    return CallsApiTest.offer(server, headers);
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aGptLiveCallUsesTheSameEndpointIsWatchedBilledInSecondsAndEndedWithSessionClose() throws Exception {
    live("acme", s -> {
      s.put("instructions", "Only talk about Acme's invoices.");
      ((ObjectNode) s.get("live").get("delegation")).put("type", "responses").put("model", "gpt-5.5").put("webSearch", true);
    });
    JsonNode options = api.get("/api/v1/realtime-calls/options", admin("acme", "ann")).json();
    assertThat(options.path("mode").asText()).isEqualTo("server");
    assertThat(options.path("api").asText()).isEqualTo("live");
    assertThat(options.path("browserEvents").toString()).isEqualTo("[\"session.input_audio.mute\",\"session.input_audio.unmute\"]");

    HttpResponse<String> created = offer(admin("acme", "ann"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type").orElse("")).startsWith("application/sdp");
    FakeCall call = fake.lastCall().orElseThrow().awaitSideband();
    assertThat(call.flavor()).isEqualTo(FakeCall.Flavor.OPENAI_LIVE);
    assertThat(created.body()).startsWith("v=0").doesNotContain("Acme's invoices").doesNotContain(call.id());
    String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    assertThat(path).doesNotContain(call.id()).matches("/api/v1/realtime-calls/[0-9a-f-]{36}");
    assertThat(call.offer()).isEqualTo(CallsApiTest.OFFER);
    assertThat(call.session().orElseThrow().path("instructions").asText()).isEqualTo("Only talk about Acme's invoices.");
    assertThat(call.session().orElseThrow().at("/delegation/responses/model").asText()).isEqualTo("gpt-5.5");

    call.push(FakeLiveEvents.usageUpdated(12.5));
    call.push(FakeLiveEvents.usageUpdated(10.0)); // an older figure (a replay) never lowers the total
    call.push(FakeLiveEvents.delegatedResponseCompleted("resp_bk1", "gpt-5.5", 1000, 200));
    call.push(FakeLiveEvents.delegatedResponseCompleted("resp_bk1", "gpt-5.5", 1000, 200)); // counted once
    await(() -> api.get(path, admin("acme", "ann")).json().at("/usage/totalTokens").asLong() == 1200, "the backend's tokens");
    JsonNode view = api.get(path, admin("acme", "ann")).json();
    assertThat(view.at("/usage/sessionSeconds").asDouble()).isEqualTo(12.5);
    assertThat(view.at("/provider").asText()).isEqualTo("openai-live");
    // 12.5 s × $0.001 + 1000 × $2/M + 200 × $10/M
    assertThat(view.at("/estimatedCost").asDouble()).isCloseTo(0.0125 + 0.002 + 0.002, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(api.get("/api/v1/usage/daily?days=1", admin("acme", "root")).json().at("/days/0/sessionSeconds").asDouble())
        .isEqualTo(12.5);
    assertThat(api.get("/api/v1/usage/users?days=1", admin("acme", "root")).json().at("/users/0/sessionSeconds").asDouble())
        .isEqualTo(12.5);
    assertThat(api.get("/api/v1/usage/daily.csv?days=1", admin("acme", "root")).body())
        .contains("estimated_cost_usd,session_seconds\r\n").contains(",12.5\r\n");

    assertThat(api.delete(path, admin("acme", "ann")).status()).isEqualTo(204);
    assertThat(call.awaitSessionClosed()).isEqualTo("close_requested");
    assertThat(call.received()).extracting(e -> e.path("type").asText()).containsExactly("session.close");
    assertThat(call.hungUp()).as("no REST hang-up: it is SIP-only").isFalse();
    JsonNode ended = api.get(path, admin("acme", "ann")).json();
    assertThat(ended.at("/status").asText()).isEqualTo("ended");
    assertThat(ended.at("/endReason").asText()).isEqualTo("ended_by_user");
  }

  @Test
  void gptLiveHasNoClientSecretsAndRealtimeOnlySettingsAreRefusedByName() throws Exception {
    live("nomint", s -> { });
    ApiClient.Reply mint = api.post("/api/v1/realtime-session", "", admin("nomint", "ann"));
    assertThat(mint.status()).isEqualTo(409);
    assertThat(mint.contentType()).startsWith("application/problem+json");
    assertThat(mint.json().path("code").asText()).isEqualTo("live_has_no_client_secrets");
    assertThat(mint.json().path("hint").asText()).isNotBlank();

    ApiClient.Reply refused = LiveSettingsJson.save(api, admin("nomint", "root"), s -> s.put("speed", 1.2).put("connectionMode", "browser"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("code").asText()).isEqualTo("validation_failed");
    assertThat(refused.json().at("/errors").findValuesAsText("field")).containsExactly("settings.connectionMode", "settings.speed");
    assertThat(refused.json().at("/errors").findValuesAsText("code")).containsOnly("not_supported_by_provider");
    assertThat(api.get("/api/v1/realtime-settings", admin("nomint", "root")).json().at("/settings/speed").isNull())
        .as("nothing was saved").isTrue();
    assertThat(api.get("/api/v1/realtime-settings", admin("nomint", "root")).json().at("/limits/liveInstructionsMaxChars").asInt())
        .isEqualTo(16384);
  }

  @Test
  void gptLiveCallsAreInvisibleToOtherTenantsAndOtherUsersAndRefuseStrangers() throws Exception {
    live("iso-live", s -> { });
    HttpResponse<String> created = offer(member("iso-live", "ann", true));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    FakeCall call = fake.lastCall().orElseThrow().awaitSideband();
    call.push(FakeLiveEvents.usageUpdated(7));
    await(() -> api.get(path, member("iso-live", "ann", true)).json().at("/usage/sessionSeconds").asDouble() == 7, "usage");
    assertThat(api.get(path, admin("other-live", "eve")).status()).isEqualTo(404);
    assertThat(api.delete(path, admin("other-live", "eve")).status()).isEqualTo(404);
    assertThat(api.get(path, member("iso-live", "bob", true)).status()).isEqualTo(404);
    assertThat(api.get(path).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/usage/daily?days=1", admin("other-live", "eve")).json().at("/days/0/sessionSeconds").asDouble())
        .isZero();
    assertThat(api.get("/api/v1/realtime-calls?status=active", admin("other-live", "eve")).json().at("/items").size()).isZero();
    assertThat(call.sessionClosed()).as("another tenant's DELETE closed nothing").isEmpty();
    assertThat(api.delete(path, member("iso-live", "ann", true)).status()).isEqualTo(204);
    call.awaitSessionClosed();
  }

  @Test
  void eachRefusalOfTheProviderHasItsOwnCodeAndTheSlotIsFreed() throws Exception {
    live("refused-live", s -> s.put("maxConcurrentCalls", 1));
    fake.liveAccess(false);
    try {
      HttpResponse<String> denied = offer(admin("refused-live", "ann"));
      assertThat(denied.statusCode()).isEqualTo(502);
      assertThat(denied.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(denied.body()).contains("\"code\":\"live_access_not_enabled\"").contains("\"hint\"")
          .doesNotContain(FakeRealtimeProvider.OPENAI_KEY);
    } finally {
      fake.liveAccess(true);
    }
    live("refused-live", s -> s.put("model", "gpt-live-9"));
    assertThat(offer(admin("refused-live", "ann")).body()).contains("\"code\":\"live_model_not_found\"");
    live("refused-live", s -> s.put("voice", "voice_nobody_has"));
    HttpResponse<String> field = offer(admin("refused-live", "ann"));
    assertThat(field.body()).contains("\"code\":\"live_field_rejected\"").contains("session.audio.output.voice");
    live("refused-live", s -> { });
    fake.failNextCreate(500, FakeRealtimeProvider.error("server_error", null, "boom"));
    assertThat(offer(admin("refused-live", "ann")).body()).contains("\"code\":\"provider_unavailable\"");
    HttpResponse<String> ok = offer(admin("refused-live", "ann"));
    assertThat(ok.statusCode()).as("the cap of 1 is free again: " + ok.body()).isEqualTo(201);
    assertThat(api.delete(URI.create(ok.headers().firstValue("Location").orElseThrow()).getPath(), admin("refused-live", "ann"))
        .status()).isEqualTo(204);
    fake.lastCall().orElseThrow().awaitSessionClosed();
  }

  @Test
  void aSessionThatCannotBeWatchedIsClosedAndTheBrowserGetsNoAnswer() throws Exception {
    live("unwatched", s -> { });
    fake.failNextSideband(503, FakeRealtimeProvider.error("server_error", null, "busy"));
    HttpResponse<String> refused = offer(admin("unwatched", "ann"));
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.body()).contains("sideband_unavailable").doesNotContain("v=0");
    // The one refusal was the first attach; the plugin attached again only to send session.close.
    assertThat(fake.lastCall().orElseThrow().awaitSessionClosed()).isEqualTo("close_requested");
  }

  @Test
  void theProviderEndingOrDroppingTheSessionEndsTheCall() throws Exception {
    live("ends", s -> { });
    HttpResponse<String> expired = offer(admin("ends", "ann"));
    String expiredPath = URI.create(expired.headers().firstValue("Location").orElseThrow()).getPath();
    FakeCall first = fake.lastCall().orElseThrow().awaitSideband();
    first.endSession("expired");
    await(() -> "ended".equals(api.get(expiredPath, admin("ends", "ann")).json().at("/status").asText()), "the expired call ended");
    JsonNode view = api.get(expiredPath, admin("ends", "ann")).json();
    assertThat(view.at("/endReason").asText()).isEqualTo("duration_cap");
    assertThat(view.at("/usage/sessionSeconds").isNumber()).as("the final usage of session.closed").isTrue();
    assertThat(first.received()).as("nothing sent to a session that already closed").isEmpty();

    HttpResponse<String> dropped = offer(admin("ends", "ann"));
    String droppedPath = URI.create(dropped.headers().firstValue("Location").orElseThrow()).getPath();
    FakeCall second = fake.lastCall().orElseThrow().awaitSideband();
    second.drop(); // the sideband's TCP connection breaks; the session itself would run on unwatched
    await(() -> "ended".equals(api.get(droppedPath, admin("ends", "ann")).json().at("/status").asText()), "the dropped call ended");
    assertThat(api.get(droppedPath, admin("ends", "ann")).json().at("/endReason").asText()).isEqualTo("provider_closed");
    assertThat(second.awaitSessionClosed()).as("closed over a sideband attached for it").isEqualTo("close_requested");
    assertThat(second.sidebandCount()).isEqualTo(2);
  }
}
