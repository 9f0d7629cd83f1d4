package dev.voiceplugin.impl.provider.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.settings.LiveDelegation;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each way GPT-Live refuses a session has its own code and hint (access not enabled, unknown
 * model, a rejected field); the rest map as the Realtime API's do. No key reaches a message.
 */
class LiveFailureTest {
  private final LiveFixture fixture = new LiveFixture();
  private final FakeRealtimeProvider fake = fixture.fake;

  @AfterEach
  void close() {
    fixture.close();
  }

  private ProviderException refused(RealtimeSettings settings, ProviderCredential credential) {
    Throwable thrown = catchThrowable(() -> fixture.provider.create(settings, credential, LiveFixture.OFFER, LiveFixture.USER).join());
    assertThat(thrown).isInstanceOf(CompletionException.class);
    assertThat(thrown.getCause()).isInstanceOf(ProviderException.class);
    ProviderException e = (ProviderException) thrown.getCause();
    assertThat(e.getMessage() + e.hint()).doesNotContain(FakeRealtimeProvider.OPENAI_KEY).doesNotContain("sk-proj");
    assertThat(e.hint()).isNotBlank();
    return e;
  }

  @Test
  void aKeyWithoutGptLiveAccessIsNamedAsSuch() {
    fake.liveAccess(false);
    ProviderException e = refused(LiveFixture.openAi(), LiveFixture.OPENAI);
    assertThat(e.code()).isEqualTo("live_access_not_enabled");
    assertThat(e.upstreamStatus()).hasValue(403);
    assertThat(e.hint()).contains("enable").contains("Realtime API");
    fake.failNextCreate(404, "{\"error\":{\"message\":\"Invalid URL (POST /v1/live/sessions)\",\"type\":\"invalid_request_error\","
        + "\"param\":null,\"code\":null}}");
    fake.liveAccess(true);
    assertThat(refused(LiveFixture.openAi(), LiveFixture.OPENAI).code()).as("no sessions endpoint for this key")
        .isEqualTo("live_access_not_enabled");
  }

  @Test
  void anUnknownModelAndARealtimeModelAreUnknownGptLiveModels() {
    ProviderException unknown = refused(LiveFixture.openAi("gpt-live-9", "marin", LiveDelegation.OFF), LiveFixture.OPENAI);
    assertThat(unknown.code()).isEqualTo("live_model_not_found");
    assertThat(unknown.getMessage()).contains("gpt-live-9");
    assertThat(unknown.hint()).contains("gpt-live-1.1");
    // Settings validation stops gpt-realtime for openai-live; an older saved value still meets a clear code.
    ProviderException realtime = refused(LiveFixture.openAi("gpt-realtime", "marin", LiveDelegation.OFF), LiveFixture.OPENAI);
    assertThat(realtime.code()).isEqualTo("live_model_not_found");
    assertThat(realtime.upstreamStatus()).hasValue(400);
  }

  @Test
  void aFieldGptLiveRejectsIsNamedInTheDetailAndTheProblem() {
    ProviderException e = refused(LiveFixture.openAi("gpt-live-1.1", "voice_unknown_1", LiveDelegation.OFF), LiveFixture.OPENAI);
    assertThat(e.code()).isEqualTo("live_field_rejected");
    assertThat(e.getMessage()).contains("session.audio.output.voice").contains("voice_unknown_1");
    assertThat(e.extensions()).containsEntry("field", "session.audio.output.voice");
  }

  @Test
  void otherFailuresMapAsTheRealtimeApisDo() {
    ProviderException wrongKey = refused(LiveFixture.openAi(), ProviderCredential.tenantKey("sk-wrong-key-0123456789"));
    assertThat(wrongKey.code()).isEqualTo("provider_key_rejected");
    assertThat(wrongKey.getMessage()).as("the fake quotes the key it was given").doesNotContain("sk-wrong-key");
    fake.failNextCreate(500, FakeRealtimeProvider.error("server_error", null, "boom"));
    assertThat(refused(LiveFixture.openAi(), LiveFixture.OPENAI).code()).isEqualTo("provider_unavailable");
    fake.failNextCreate(429, FakeRealtimeProvider.error("rate_limit_exceeded", "rate_limit_exceeded", "slow down"));
    assertThat(refused(LiveFixture.openAi(), LiveFixture.OPENAI).code()).isEqualTo("provider_rate_limited");
    fake.answerNextCreate(201, Map.of("Content-Type", "application/json"), "{\"session\":{\"id\":\"live_1\"}}");
    assertThat(refused(LiveFixture.openAi(), LiveFixture.OPENAI).code()).as("no SDP answer").isEqualTo("provider_bad_response");
    fake.answerNextCreate(201, Map.of("Content-Type", "application/json"),
        "{\"session\":{\"id\":\"../../x\"},\"transport\":{\"type\":\"webrtc\",\"sdp\":\"v=0\\r\\n\"}}");
    assertThat(refused(LiveFixture.openAi(), LiveFixture.OPENAI).code()).as("an id that is a path").isEqualTo("provider_bad_response");
  }
}
