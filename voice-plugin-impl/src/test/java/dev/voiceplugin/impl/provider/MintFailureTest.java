package dev.voiceplugin.impl.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.provider.LocalUpstream.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a mint can fail upstream becomes its own exception with a stable code and status. */
class MintFailureTest {
  @RegisterExtension
  static WireMockExtension openai = LocalUpstream.server();

  private static final String PATH = "/v1/realtime/client_secrets";

  private ProviderException mintAgainst(ResponseDefinitionBuilder answer) {
    openai.stubFor(post(urlEqualTo(PATH)).willReturn(answer));
    return catchThrowableOfType(ProviderException.class, () -> LocalUpstream.minter(openai)
        .mint(TestSettings.openAi().build(), ProviderCredential.apiKey(OPENAI_KEY), LocalUpstream.user()));
  }

  private static ResponseDefinitionBuilder error(int status, String code, String param, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":"
            + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}");
  }

  static Stream<Arguments> upstreamStatuses() {
    return Stream.of(
        Arguments.of(error(401, "invalid_api_key", null, "Incorrect API key provided: sk-proj-***xyz."),
            ProviderKeyRejectedException.class, 502, "provider_key_rejected"),
        Arguments.of(error(403, "unsupported_country_region_territory", null, "Country, region, or territory not supported"),
            ProviderAccessDeniedException.class, 502, "provider_access_denied"),
        Arguments.of(error(404, "model_not_found", "model", "The model `gpt-realtime` does not exist"),
            ProviderModelNotFoundException.class, 502, "provider_model_not_found"),
        Arguments.of(error(400, "model_not_found", "session.model", "Model is not supported in Realtime API"),
            ProviderModelNotFoundException.class, 502, "provider_model_not_found"),
        Arguments.of(error(400, "unknown_parameter", "workflow", "Unknown parameter: 'workflow'."),
            ProviderRejectedRequestException.class, 502, "provider_rejected_request"),
        Arguments.of(error(422, null, null, "Unprocessable"),
            ProviderRejectedRequestException.class, 502, "provider_rejected_request"),
        Arguments.of(error(429, "insufficient_quota", null, "You exceeded your current quota."),
            ProviderQuotaExceededException.class, 503, "provider_quota_exceeded"),
        Arguments.of(error(429, "rate_limit_exceeded", null, "Rate limit reached for requests"),
            ProviderRateLimitedException.class, 429, "provider_rate_limited"),
        Arguments.of(error(500, "server_error", null, "The server had an error"),
            ProviderUnavailableException.class, 502, "provider_unavailable"),
        Arguments.of(aResponse().withStatus(503).withBody("<html>overloaded</html>"),
            ProviderUnavailableException.class, 502, "provider_unavailable"),
        Arguments.of(aResponse().withStatus(302).withHeader("Location", "https://example.com/login"),
            ProviderBadResponseException.class, 502, "provider_bad_response"));
  }

  @ParameterizedTest(name = "{3} from {0}")
  @MethodSource("upstreamStatuses")
  void upstreamStatusBecomesItsOwnProblem(ResponseDefinitionBuilder answer, Class<? extends ProviderException> type,
      int status, String code) {
    ProviderException failure = mintAgainst(answer);

    assertThat(failure).isInstanceOf(type);
    assertThat(failure.status()).isEqualTo(status);
    assertThat(failure.code()).isEqualTo(code).isEqualTo(failure.outcome());
    assertThat(failure.hint()).isNotBlank();
  }

  @Test
  void forbiddenHintMentionsUnsupportedRegions() {
    assertThat(mintAgainst(error(403, null, null, "Country, region, or territory not supported")).hint())
        .contains("unsupported country, region or territory");
  }

  @Test
  void notFoundNamesTheModel() {
    assertThat(mintAgainst(error(404, "model_not_found", null, "nope")).getMessage()).contains("'gpt-realtime'");
  }

  @Test
  void badRequestNamesTheParameterAndTheProvidersMessage() {
    ProviderException failure = mintAgainst(error(400, "unknown_parameter", "workflow", "Unknown parameter: 'workflow'."));

    assertThat(failure.getMessage())
        .isEqualTo("OpenAI rejected the request (HTTP 400), parameter 'workflow': Unknown parameter: 'workflow'.");
    assertThat(failure.upstreamStatus()).hasValue(400);
  }

  @Test
  void badRequestMessageIsRedactedStrippedOfControlCharactersAndCapped() {
    String message = "Bad value sk-live-abcdef123456 and ek_0123456789abcdef near \\u0007\\u001b[31m"
        + "Bearer abc.def\\n" + "x".repeat(1000);
    ProviderException failure = mintAgainst(error(400, "invalid_value", "session.audio.output.voice\\nX", message));

    assertThat(failure.getMessage())
        .contains("Bad value [redacted] and [redacted] near", "[redacted]")
        .doesNotContain("sk-live", "ek_0123", "abc.def", "\u0007", "\u001b", "\n", "parameter '")
        .hasSizeLessThan(UpstreamText.MAX_MESSAGE_CHARS + 80)
        .endsWith("….");
  }

  @Test
  void rateLimitPassesRetryAfterOn() {
    ProviderException failure = mintAgainst(error(429, "rate_limit_exceeded", null, "slow down").withHeader("Retry-After", "7"));

    assertThat(failure.extensions()).containsEntry("retryAfterSeconds", 7L);
    assertThat(((ProviderRateLimitedException) failure).retryAfterSeconds()).hasValue(7);
    assertThat(mintAgainst(error(429, null, null, "slow down")).extensions()).doesNotContainKey("retryAfterSeconds");
  }

  @Test
  void malformedJsonIsABadResponseThatDoesNotQuoteTheBody() {
    ProviderException failure = mintAgainst(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"value\":\"" + LocalUpstream.CLIENT_SECRET + "\",\"expires_at\":"));

    assertThat(failure).isInstanceOf(ProviderBadResponseException.class);
    assertThat(failure.code()).isEqualTo("provider_bad_response");
    assertThat(failure.getMessage()).doesNotContain(LocalUpstream.CLIENT_SECRET);
    assertThat(failure.getCause()).isNull();
  }

  @Test
  void successWithoutValueOrExpiryIsNoClientSecret() {
    for (String body : new String[] {"{\"expires_at\":1756310470,\"session\":{}}", "{\"value\":\"ek_1\",\"session\":{}}",
        "{\"client_secret\":{\"value\":\"ek_1\",\"expires_at\":1}}", "{\"value\":\"\",\"expires_at\":1}"}) {
      ProviderException failure = mintAgainst(okJson(body));

      assertThat(failure).isInstanceOf(ProviderNoClientSecretException.class);
      assertThat(failure.status()).isEqualTo(502);
      assertThat(failure.code()).isEqualTo("provider_no_client_secret");
      assertThat(failure.getMessage()).isEqualTo("no client secret in response");
    }
  }

  @Test
  void hugeBodyIsABadResponseInsteadOfFillingTheHeap() {
    ProviderException failure = mintAgainst(okJson("{\"value\":\"" + "a".repeat(ProviderHttp.MAX_BODY_BYTES) + "\"}"));

    assertThat(failure).isInstanceOf(ProviderBadResponseException.class);
    assertThat(failure.getMessage()).contains("larger than 1 MiB");
  }

  @Test
  void slowAnswerPastTheReadTimeoutIs504AndReturnsPromptly() {
    long started = System.nanoTime();
    ProviderException failure = mintAgainst(okJson(LocalUpstream.okBody()).withFixedDelay(5_000));

    assertThat(failure).isInstanceOf(ProviderTimeoutException.class);
    assertThat(failure.status()).isEqualTo(504);
    assertThat(failure.code()).isEqualTo("provider_timeout");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
  }

  @Test
  void bodyDribblingPastTheReadTimeoutIs504() {
    ProviderException failure = mintAgainst(okJson(LocalUpstream.okBody()).withChunkedDribbleDelay(20, 4_000));

    assertThat(failure).isInstanceOf(ProviderTimeoutException.class);
  }

  @Test
  void connectionResetIsUnreachable() {
    ProviderException failure = mintAgainst(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThat(failure).isInstanceOf(ProviderUnreachableException.class);
    assertThat(failure.status()).isEqualTo(502);
    assertThat(failure.code()).isEqualTo("provider_unreachable");
    assertThat(failure.getMessage()).contains("127.0.0.1:" + openai.getPort());
  }

  @Test
  void emptyResponseIsUnreachable() {
    ProviderException failure = mintAgainst(aResponse().withFault(Fault.EMPTY_RESPONSE));
    assertThat(failure).isInstanceOf(ProviderUnreachableException.class);
  }

  @Test
  void garbageInsteadOfHttpIsABadResponse() {
    ProviderException failure = mintAgainst(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));

    assertThat(failure).isInstanceOf(ProviderBadResponseException.class);
    assertThat(failure.code()).isEqualTo("provider_bad_response");
  }

  @Test
  void garbageMidBodyIsABadResponse() {
    ProviderException failure = mintAgainst(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    assertThat(failure).isInstanceOf(ProviderBadResponseException.class);
    assertThat(failure.status()).isEqualTo(502);
  }

  @Test
  void refusedConnectionIsUnreachable() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var minter = LocalUpstream.minter(openai, Map.of("OPENAI_BASE_URL", "http://127.0.0.1:" + closedPort),
        java.time.Clock.systemUTC());

    ProviderException failure = catchThrowableOfType(ProviderException.class, () ->
        minter.mint(TestSettings.openAi().build(), ProviderCredential.apiKey(OPENAI_KEY), LocalUpstream.user()));

    assertThat(failure).isInstanceOf(ProviderUnreachableException.class);
    assertThat(failure.code()).isEqualTo("provider_unreachable");
  }

  @Test
  void connectTimeoutIs504NamingTheConnectPhase() throws Exception {
    // A listener that never accepts: once its backlog is full the kernel drops further SYNs, so
    // the client's connect hangs exactly like a black-holed host, without leaving 127.0.0.1.
    try (var listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      var fillers = new java.util.ArrayList<java.net.Socket>();
      try {
        for (int i = 0; i < 8; i++) {
          var socket = new java.net.Socket();
          fillers.add(socket);
          try {
            socket.connect(listener.getLocalSocketAddress(), 100);
          } catch (java.io.IOException backlogFull) {
            break;
          }
        }
        var minter = LocalUpstream.minter(openai, Map.of("OPENAI_BASE_URL", "http://127.0.0.1:" + listener.getLocalPort(),
            "VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "300"), java.time.Clock.systemUTC());

        ProviderException failure = catchThrowableOfType(ProviderException.class, () ->
            minter.mint(TestSettings.openAi().build(), ProviderCredential.apiKey(OPENAI_KEY), LocalUpstream.user()));

        assertThat(failure).isInstanceOf(ProviderTimeoutException.class);
        assertThat(failure.status()).isEqualTo(504);
        assertThat(failure.getMessage()).contains("did not accept the connection within 300 ms");
      } finally {
        for (var socket : fillers) {
          socket.close();
        }
      }
    }
  }
}
