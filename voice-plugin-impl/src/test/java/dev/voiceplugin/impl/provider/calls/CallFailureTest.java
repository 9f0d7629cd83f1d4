package dev.voiceplugin.impl.provider.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.voiceplugin.impl.provider.ProviderBadResponseException;
import dev.voiceplugin.impl.provider.ProviderCallNotFoundException;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.ProviderKeyRejectedException;
import dev.voiceplugin.impl.provider.ProviderQuotaExceededException;
import dev.voiceplugin.impl.provider.ProviderRateLimitedException;
import dev.voiceplugin.impl.provider.ProviderRejectedRequestException;
import dev.voiceplugin.impl.provider.ProviderUnavailableException;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way creating or hanging up a call fails becomes the same named exception as a failed mint. */
class CallFailureTest {
  private final CallsFixture fixture = new CallsFixture();
  private final FakeRealtimeProvider fake = fixture.fake;

  @AfterEach
  void close() {
    fixture.close();
  }

  static Stream<Arguments> createFailures() {
    return Stream.of(
        Arguments.of(400, FakeRealtimeProvider.error("invalid_request_error", "invalid_offer",
            "Invalid SDP offer. Please try again with a WHIP-compliant offer."), ProviderRejectedRequestException.class),
        Arguments.of(401, FakeRealtimeProvider.error("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
            ProviderKeyRejectedException.class),
        Arguments.of(429, FakeRealtimeProvider.error("insufficient_quota", "insufficient_quota",
            "You exceeded your current quota."), ProviderQuotaExceededException.class),
        Arguments.of(429, FakeRealtimeProvider.error("requests", "rate_limit_exceeded", "Rate limit reached for requests"),
            ProviderRateLimitedException.class),
        Arguments.of(500, FakeRealtimeProvider.error("server_error", null, "The server had an error."),
            ProviderUnavailableException.class));
  }

  @ParameterizedTest(name = "HTTP {0} -> {2}")
  @MethodSource("createFailures")
  void aRefusedCreateIsMappedAsAMintIs(int status, String body, Class<? extends ProviderException> expected) {
    fake.failNextCreate(status, body);
    assertThat(failure(fixture.provider.create(fixture.openAi(), CallsFixture.OPENAI, CallsFixture.OFFER, CallsFixture.USER)))
        .isInstanceOf(expected);
  }

  @Test
  void theProvidersErrorMessageIsPassedOnSanitised() {
    fake.failNextCreate(400, FakeRealtimeProvider.error("invalid_request_error", "invalid_offer",
        "Invalid SDP offer. Please try again with a WHIP-compliant offer."));
    assertThat(failure(fixture.provider.create(fixture.openAi(), CallsFixture.OPENAI, CallsFixture.OFFER, CallsFixture.USER)))
        .hasMessageContaining("Invalid SDP offer");
  }

  @Test
  void aRateLimitKeepsItsRetryAfter() {
    fake.answerNextCreate(429, Map.of("Content-Type", "application/json", "Retry-After", "7"),
        FakeRealtimeProvider.error("requests", "rate_limit_exceeded", "Rate limit reached"));
    var limited = (ProviderRateLimitedException) failure(
        fixture.provider.create(fixture.openAi(), CallsFixture.OPENAI, CallsFixture.OFFER, CallsFixture.USER));
    assertThat(limited.retryAfterSeconds()).hasValue(7);
  }

  static Stream<Arguments> unusable201s() {
    return Stream.of(
        Arguments.of(Map.of("Content-Type", "application/sdp"), "v=0\r\ns=-\r\n", "no Location"),
        Arguments.of(Map.of("Location", "/v1/realtime/calls/"), "v=0\r\ns=-\r\n", "names no call"),
        Arguments.of(Map.of("Location", "/v1/realtime/calls/../../admin"), "v=0\r\ns=-\r\n", "names no call"),
        Arguments.of(Map.of("Location", "/v1/realtime/calls/rtc_1"), "{\"error\":\"not sdp\"}", "not an SDP answer"),
        Arguments.of(Map.of("Location", "/v1/realtime/calls/rtc_1"), "", "not an SDP answer"),
        Arguments.of(Map.of("Location", "/v1/realtime/calls/rtc_1"), "<html>v=0</html>", "not an SDP answer"));
  }

  @ParameterizedTest(name = "201 with {2}")
  @MethodSource("unusable201s")
  void a201ThatCannotBeUsedIsABadResponse(Map<String, String> headers, String body, String what) {
    fake.answerNextCreate(201, headers, body);
    assertThat(failure(fixture.provider.create(fixture.openAi(), CallsFixture.OPENAI, CallsFixture.OFFER, CallsFixture.USER)))
        .isInstanceOf(ProviderBadResponseException.class).hasMessageContaining(what);
  }

  @Test
  void a200InsteadOf201IsABadResponse() {
    fake.answerNextCreate(200, Map.of("Location", "/v1/realtime/calls/rtc_1"), "v=0\r\n");
    assertThat(failure(fixture.provider.create(fixture.openAi(), CallsFixture.OPENAI, CallsFixture.OFFER, CallsFixture.USER)))
        .isInstanceOf(ProviderBadResponseException.class).hasMessageContaining("201");
  }

  @Test
  void aWrongOpenAiKeyIsTheTenantsKeyRejected() {
    var rejected = failure(fixture.provider.create(fixture.openAi(),
        ProviderCredential.tenantKey("sk-proj-WRONGwrongWRONGwrongWRONG0123456789"), CallsFixture.OFFER, CallsFixture.USER));
    assertThat(rejected).isInstanceOf(ProviderKeyRejectedException.class);
    assertThat(((ProviderException) rejected).upstreamStatus()).hasValue(401);
  }

  @Test
  void azureFailsAtTheMintWithTheMintsExceptionAndPostsNoOffer() {
    var rejected = failure(fixture.provider.create(fixture.azure(AzureAuth.API_KEY),
        ProviderCredential.tenantKey("0000000000000000ffffffffffffffff"), CallsFixture.OFFER, CallsFixture.USER));
    assertThat(rejected).isInstanceOf(ProviderKeyRejectedException.class);
    assertThat(fake.requests("/openai/v1/realtime/calls")).isEmpty();

    fake.failNextMint(500, FakeRealtimeProvider.error("server_error", null, "boom"));
    assertThat(failure(fixture.provider.create(fixture.azure(AzureAuth.API_KEY), CallsFixture.AZURE, CallsFixture.OFFER,
        CallsFixture.USER))).isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void azureFailsAtTheSdpPostWithTheSameMapping() {
    fake.failNextCreate(400, FakeRealtimeProvider.error("invalid_request_error", "invalid_offer", "Invalid SDP offer."));
    assertThat(failure(fixture.provider.create(fixture.azure(AzureAuth.API_KEY), CallsFixture.AZURE, CallsFixture.OFFER,
        CallsFixture.USER))).isInstanceOf(ProviderRejectedRequestException.class);
  }

  @Test
  void wrongInputFailsTheStageWithoutARequest() {
    assertThat(failure(fixture.provider.create(fixture.openAi(), CallsFixture.OPENAI, "not sdp", CallsFixture.USER)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(failure(fixture.provider.create(fixture.azure(AzureAuth.ENTRA_ID), CallsFixture.AZURE, CallsFixture.OFFER,
        CallsFixture.USER))).isInstanceOf(IllegalArgumentException.class);
    assertThat(failure(fixture.provider.hangup(fixture.openAi(), CallsFixture.OPENAI, "../v1/files")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void hangupPostsNoBodyAndEndsTheCall() {
    CreatedCall call = fixture.createOpenAiCall();

    fixture.provider.hangup(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId()).join();

    var request = fake.requests("/v1/realtime/calls/" + call.providerCallId() + "/hangup").get(0);
    assertThat(request.body()).isEmpty();
    assertThat(request.header("Content-Type")).isEmpty();
    assertThat(request.headerValues("Authorization")).containsExactly("Bearer " + FakeRealtimeProvider.OPENAI_KEY);
    assertThat(fake.hangups()).containsExactly(call.providerCallId());
    assertThat(fake.call(call.providerCallId()).hungUp()).isTrue();
  }

  @Test
  void azureHangupUsesTheResourceCredentialOnTheOpenAiV1Path() {
    CreatedCall call = fixture.provider.create(fixture.azure(AzureAuth.API_KEY), CallsFixture.AZURE, CallsFixture.OFFER,
        CallsFixture.USER).join();

    fixture.provider.hangup(fixture.azure(AzureAuth.API_KEY), CallsFixture.AZURE, call.providerCallId()).join();

    var request = fake.requests("/openai/v1/realtime/calls/" + call.providerCallId() + "/hangup").get(0);
    assertThat(request.headerValues("api-key")).containsExactly(FakeRealtimeProvider.AZURE_KEY);
    assertThat(fake.hangups()).containsExactly(call.providerCallId());
  }

  @Test
  void hangupOfAnUnknownCallIsCallNotFoundAndOtherFailuresAreMapped() {
    assertThat(failure(fixture.provider.hangup(fixture.openAi(), CallsFixture.OPENAI, "rtc_gone")))
        .isInstanceOf(ProviderCallNotFoundException.class);

    CreatedCall call = fixture.createOpenAiCall();
    fake.failNextHangup(500, FakeRealtimeProvider.error("server_error", null, "boom"));
    assertThat(failure(fixture.provider.hangup(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId())))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThat(fake.call(call.providerCallId()).hungUp()).isFalse();

    assertThat(failure(fixture.provider.hangup(fixture.openAi(),
        ProviderCredential.platformKey("sk-proj-WRONGwrongWRONGwrongWRONG0123456789"), call.providerCallId())))
        .isInstanceOf(ProviderKeyRejectedException.class);
  }

  static Throwable failure(CompletableFuture<?> stage) {
    Throwable thrown = catchThrowable(stage::join);
    assertThat(thrown).isInstanceOf(CompletionException.class);
    return thrown.getCause();
  }
}
