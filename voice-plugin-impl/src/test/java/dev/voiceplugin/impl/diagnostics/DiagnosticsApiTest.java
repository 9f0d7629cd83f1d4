package dev.voiceplugin.impl.diagnostics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.testing.ApiClient;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The connection test over real HTTP: real PostgreSQL, the real API on Jetty, WireMock playing OpenAI. */
class DiagnosticsApiTest {
  static final String MODEL_PATH = "/v1/models/gpt-realtime";
  static final String MINT_PATH = "/v1/realtime/client_secrets";

  @RegisterExtension
  static WireMockExtension openai = DiagnosticsStack.upstream();

  static DiagnosticsStack stack;
  static ApiClient api;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    stack = DiagnosticsStack.start("http://127.0.0.1:" + openai.getPort(), DiagnosticsStack.PLATFORM_KEY);
    api = stack.api();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @BeforeEach
  void answerLikeOpenAi() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    openai.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(okJson(DiagnosticsStack.modelBody("gpt-realtime"))));
    openai.stubFor(post(urlEqualTo(MINT_PATH)).willReturn(okJson(DiagnosticsStack.mintBody())));
  }

  @AfterEach
  void neitherKeysNorTheSecretInAnyLogLine() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    for (ILoggingEvent e : logs.list) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
      assertThat(line).doesNotContain(DiagnosticsStack.PLATFORM_KEY).doesNotContain(DiagnosticsStack.TENANT_KEY)
          .doesNotContain(DiagnosticsStack.SECRET);
    }
  }

  private static String tenant() {
    return "d-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void everyStepPassesWithThePlatformKeyAndTheSecretIsNeverReturned() {
    ApiClient.Reply reply = api.post(DiagnosticsStack.PATH, null, admin(tenant(), "alice"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    JsonNode body = reply.json();
    assertThat(body.fieldNames()).toIterable().containsExactly("provider", "model", "settingsVersion", "steps", "ok");
    assertThat(body.at("/steps/0").fieldNames()).toIterable()
        .containsExactly("id", "title", "outcome", "code", "detail", "hint", "durationMs");
    assertThat(body.at("/provider").asText()).isEqualTo("openai");
    assertThat(body.at("/model").asText()).isEqualTo("gpt-realtime");
    assertThat(body.at("/settingsVersion").asLong()).isZero();
    assertThat(body.at("/ok").asBoolean()).isTrue();
    assertThat(DiagnosticsStack.outcomes(body)).containsExactly(
        "configuration:passed", "key:passed", "model:passed", "mint:passed");
    for (JsonNode step : body.get("steps")) {
      assertThat(step.get("title").asText()).isNotBlank();
      assertThat(step.get("detail").asText()).isNotBlank();
      assertThat(step.get("durationMs").isIntegralNumber()).isTrue();
      assertThat(step.get("code").isNull()).isTrue();
      assertThat(step.get("hint").isNull()).isTrue();
    }
    assertThat(body.at("/steps/0/detail").asText()).contains("platform's API key");
    assertThat(body.at("/steps/3/detail").asText()).contains("expires_at " + DiagnosticsStack.EXPIRES_AT);
    assertThat(reply.body()).doesNotContain(DiagnosticsStack.SECRET).doesNotContain(DiagnosticsStack.PLATFORM_KEY)
        .doesNotContain(DiagnosticsStack.PLATFORM_KEY.substring(DiagnosticsStack.PLATFORM_KEY.length() - 4));
    openai.verify(getRequestedFor(urlEqualTo(MODEL_PATH))
        .withHeader("Authorization", equalTo("Bearer " + DiagnosticsStack.PLATFORM_KEY)));
    openai.verify(postRequestedFor(urlEqualTo(MINT_PATH))
        .withHeader("Authorization", equalTo("Bearer " + DiagnosticsStack.PLATFORM_KEY)));
  }

  @Test
  void aGptLiveTenantIsTestedWithoutAMintBecauseGptLiveHasNoSessionKeys() {
    String tenant = tenant();
    openai.stubFor(get(urlEqualTo("/v1/models/gpt-live-1.1")).willReturn(okJson(DiagnosticsStack.modelBody("gpt-live-1.1"))));
    stack.saveSettings(tenant, "{\"provider\":\"openai-live\",\"model\":\"gpt-live-1.1\",\"outputModalities\":null,"
        + "\"turnDetection\":null,\"transcription\":null,\"noiseReduction\":null,\"speed\":null,\"maxOutputTokens\":null,"
        + "\"clientSecretTtlSeconds\":null}", null);

    JsonNode body = api.post(DiagnosticsStack.PATH, null, admin(tenant, "lena")).json();

    assertThat(body.at("/provider").asText()).isEqualTo("openai-live");
    assertThat(DiagnosticsStack.outcomes(body)).containsExactly("configuration:passed", "key:passed", "model:passed", "mint:skipped");
    assertThat(body.at("/steps/3/detail").asText()).contains("no session keys");
    assertThat(body.at("/ok").asBoolean()).isTrue();
    openai.verify(0, postRequestedFor(urlEqualTo(MINT_PATH)));
  }

  @Test
  void usesTheTenantsOwnKeyShowingOnlyItsLastFourCharacters() {
    String tenant = tenant();
    stack.saveSettings(tenant, "{}", DiagnosticsStack.TENANT_KEY);

    JsonNode body = api.post(DiagnosticsStack.PATH, null, admin(tenant, "olga")).json();

    assertThat(body.at("/ok").asBoolean()).isTrue();
    assertThat(body.at("/settingsVersion").asLong()).isEqualTo(1);
    assertThat(body.at("/steps/0/detail").asText()).contains("tenant's own API key (ending in "
        + DiagnosticsStack.TENANT_KEY.substring(DiagnosticsStack.TENANT_KEY.length() - 4) + ")");
    assertThat(body.toString()).doesNotContain(DiagnosticsStack.TENANT_KEY);
    openai.verify(getRequestedFor(urlEqualTo(MODEL_PATH)).withHeader("Authorization", equalTo("Bearer " + DiagnosticsStack.TENANT_KEY)));
    openai.verify(0, getRequestedFor(urlEqualTo(MODEL_PATH)).withHeader("Authorization", equalTo("Bearer " + DiagnosticsStack.PLATFORM_KEY)));
  }

  static Stream<Arguments> failuresAtTheKeyStep() {
    return Stream.of(
        Arguments.of(DiagnosticsStack.error(401, "invalid_api_key", "Incorrect API key provided: " + DiagnosticsStack.PLATFORM_KEY),
            "provider_key_rejected"),
        Arguments.of(DiagnosticsStack.error(403, "unsupported_country_region_territory", "Country, region, or territory not supported"),
            "provider_access_denied"),
        Arguments.of(okJson(DiagnosticsStack.modelBody("gpt-realtime")).withFixedDelay(2_500), "provider_timeout"),
        Arguments.of(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "provider_unreachable"),
        Arguments.of(DiagnosticsStack.error(500, "server_error", "The server had an error"), "provider_unavailable"),
        Arguments.of(aResponse().withStatus(503).withBody("<html>overloaded</html>"), "provider_unavailable"),
        Arguments.of(DiagnosticsStack.error(429, "insufficient_quota", "You exceeded your current quota."), "provider_quota_exceeded"),
        Arguments.of(DiagnosticsStack.error(429, "rate_limit_exceeded", "Rate limit reached"), "provider_rate_limited"),
        Arguments.of(okJson("{\"id\": \"gpt-realtime\", "), "provider_bad_response"),
        Arguments.of(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), "provider_bad_response"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("failuresAtTheKeyStep")
  void aFailedModelLookupFailsTheKeyStepAndSkipsTheRest(ResponseDefinitionBuilder answer, String code) {
    openai.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(answer));

    JsonNode body = api.post(DiagnosticsStack.PATH, null, admin(tenant(), "kim")).json();

    assertThat(body.at("/ok").asBoolean()).isFalse();
    assertThat(DiagnosticsStack.outcomes(body)).containsExactly(
        "configuration:passed", "key:failed", "model:skipped", "mint:skipped");
    assertThat(body.at("/steps/1/code").asText()).isEqualTo(code);
    assertThat(body.at("/steps/1/hint").asText()).isNotBlank();
    assertThat(body.toString()).doesNotContain(DiagnosticsStack.PLATFORM_KEY).doesNotContain("sk-platform");
    openai.verify(0, postRequestedFor(urlEqualTo(MINT_PATH)));
  }

  @Test
  void anUnknownModelPassesTheKeyAndFailsTheModelStep() {
    openai.stubFor(get(urlEqualTo(MODEL_PATH)).willReturn(DiagnosticsStack.error(404, "model_not_found",
        "The model `gpt-realtime` does not exist or you do not have access to it.")));

    JsonNode body = api.post(DiagnosticsStack.PATH, null, admin(tenant(), "max")).json();

    assertThat(DiagnosticsStack.outcomes(body)).containsExactly(
        "configuration:passed", "key:passed", "model:failed", "mint:skipped");
    assertThat(body.at("/steps/2/code").asText()).isEqualTo("provider_model_not_found");
    assertThat(body.at("/steps/2/detail").asText()).contains("gpt-realtime");
    assertThat(body.at("/steps/2/hint").asText()).contains("Realtime model");
    openai.verify(0, postRequestedFor(urlEqualTo(MINT_PATH)));
  }

  @Test
  void aModelThatIsNotARealtimeModelIsAWarningAndTheMintDecides() {
    String tenant = tenant();
    stack.saveSettings(tenant, "{\"model\":\"gpt-4o\"}", null);
    openai.stubFor(get(urlEqualTo("/v1/models/gpt-4o")).willReturn(okJson(DiagnosticsStack.modelBody("gpt-4o"))));
    openai.stubFor(post(urlEqualTo(MINT_PATH)).willReturn(DiagnosticsStack.error(400, "model_not_found",
        "Model \\\"gpt-4o\\\" is not supported in Realtime API.")));

    JsonNode body = api.post(DiagnosticsStack.PATH, null, admin(tenant, "wes")).json();

    assertThat(DiagnosticsStack.outcomes(body)).containsExactly(
        "configuration:passed", "key:passed", "model:failed", "mint:skipped");
    assertThat(body.at("/steps/2/code").asText()).isEqualTo("provider_model_not_found");
  }

  static Stream<Arguments> failuresAtTheMintStep() {
    return Stream.of(
        Arguments.of(DiagnosticsStack.error(500, "server_error", "The server had an error"), "provider_unavailable"),
        Arguments.of(okJson("{\"value\": \"" + DiagnosticsStack.SECRET + "\", "), "provider_bad_response"),
        Arguments.of(okJson("{\"session\":{\"type\":\"realtime\"}}"), "provider_no_client_secret"),
        Arguments.of(DiagnosticsStack.error(400, "unknown_parameter", "Unknown parameter: 'session.foo'."), "provider_rejected_request"),
        Arguments.of(DiagnosticsStack.error(401, "invalid_api_key", "Incorrect API key provided"), "provider_key_rejected"),
        Arguments.of(okJson(DiagnosticsStack.mintBody()).withFixedDelay(2_500), "provider_timeout"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("failuresAtTheMintStep")
  void aFailedMintFailsOnlyTheLastStep(ResponseDefinitionBuilder answer, String code) {
    openai.stubFor(post(urlEqualTo(MINT_PATH)).willReturn(answer));

    JsonNode body = api.post(DiagnosticsStack.PATH, null, admin(tenant(), "mia")).json();

    assertThat(body.at("/ok").asBoolean()).isFalse();
    assertThat(DiagnosticsStack.outcomes(body)).containsExactly(
        "configuration:passed", "key:passed", "model:passed", "mint:failed");
    assertThat(body.at("/steps/3/code").asText()).isEqualTo(code);
    assertThat(body.toString()).doesNotContain(DiagnosticsStack.SECRET);
  }

  @Test
  void doesNotUseTheMintBudgetButIsItselfLimitedPerTenant() {
    String tenant = tenant();
    for (int i = 0; i < ConnectionDiagnostics.RUNS_PER_MINUTE; i++) {
      assertThat(api.post(DiagnosticsStack.PATH, null, admin(tenant, "lou")).status()).isEqualTo(200);
    }
    ApiClient.Reply limited = api.post(DiagnosticsStack.PATH, null, admin(tenant, "lou"));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.contentType()).startsWith("application/problem+json");
    assertThat(limited.json().at("/code").asText()).isEqualTo("diagnostics_rate_limited");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

    // The mint limit is 2 per user per hour here: ten tests took none of it.
    assertThat(api.post("/api/v1/realtime-session", null, admin(tenant, "lou")).status()).isEqualTo(200);
    assertThat(api.post(DiagnosticsStack.PATH, null, admin(tenant(), "lou")).status()).as("another tenant").isEqualTo(200);
  }
}
