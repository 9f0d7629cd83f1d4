package dev.voiceplugin.impl.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.provider.LocalUpstream.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.RealtimeSettings.NoiseReduction;
import dev.voiceplugin.impl.settings.TurnDetection;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiMintTest {
  @RegisterExtension
  static WireMockExtension openai = LocalUpstream.server();

  private static final String PATH = "/v1/realtime/client_secrets";

  @BeforeEach
  void answerWithASecret() {
    openai.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(LocalUpstream.okBody())));
  }

  static Stream<Arguments> settingsAndExpectedBodies() {
    return Stream.of(
        Arguments.of("server_vad with idle timeout, transcription with language and prompt, custom voice",
            TestSettings.openAi().turnDetection(TestSettings.serverVadWithIdleTimeout(8000))
                .transcription("gpt-4o-mini-transcribe", "en", "product names").voice("voice_42").ttlSeconds(300).build(),
            """
            {"expires_after":{"anchor":"created_at","seconds":300},
             "session":{"type":"realtime","model":"gpt-realtime","instructions":"You help administrators of the Acme shop.",
              "output_modalities":["audio"],
              "audio":{"input":{"transcription":{"model":"gpt-4o-mini-transcribe","language":"en","prompt":"product names"},
                "turn_detection":{"type":"server_vad","threshold":0.6,"prefix_padding_ms":200,"silence_duration_ms":700,
                  "idle_timeout_ms":8000,"create_response":true,"interrupt_response":false}},
               "output":{"voice":{"id":"voice_42"},"speed":1.0}},
              "max_output_tokens":"inf"}}
            """),
        Arguments.of("semantic_vad, text only, 256 tokens, transcription off",
            TestSettings.openAi().model("gpt-realtime-mini").turnDetection(TestSettings.semanticVad(TurnDetection.Eagerness.MEDIUM))
                .textOnly().maxOutputTokens(256).build(),
            """
            {"expires_after":{"anchor":"created_at","seconds":600},
             "session":{"type":"realtime","model":"gpt-realtime-mini","instructions":"You help administrators of the Acme shop.",
              "output_modalities":["text"],
              "audio":{"input":{
                "turn_detection":{"type":"semantic_vad","eagerness":"medium","create_response":false,"interrupt_response":true}},
               "output":{"voice":"marin","speed":1.0}},
              "max_output_tokens":256}}
            """),
        Arguments.of("manual turns, far field, transcription without options, slower voice",
            TestSettings.openAi().turnDetection(TurnDetection.none()).noiseReduction(NoiseReduction.FAR_FIELD)
                .transcription("whisper-1", null, null).voice("cedar").speed(0.8).build(),
            """
            {"expires_after":{"anchor":"created_at","seconds":600},
             "session":{"type":"realtime","model":"gpt-realtime","instructions":"You help administrators of the Acme shop.",
              "output_modalities":["audio"],
              "audio":{"input":{"transcription":{"model":"whisper-1"},"turn_detection":null,
                "noise_reduction":{"type":"far_field"}},
               "output":{"voice":"cedar","speed":0.8}},
              "max_output_tokens":"inf"}}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settingsAndExpectedBodies")
  void postsTheExactGaBodyWithBearerKeyAndSafetyIdentifier(String name, RealtimeSettings settings, String expectedBody) {
    LocalUpstream.minter(openai).mint(settings, ProviderCredential.apiKey(OPENAI_KEY), LocalUpstream.user());

    openai.verify(1, postRequestedFor(urlEqualTo(PATH))
        .withHeader("Authorization", equalTo("Bearer " + OPENAI_KEY))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("OpenAI-Safety-Identifier", equalTo(LocalUpstream.user().value()))
        .withHeader("OpenAI-Beta", absent())
        .withHeader("api-key", absent())
        .withRequestBody(equalToJson(expectedBody, false, false)));
  }

  @Test
  void returnsTheSecretItsExpiryStatusLatencyAndTheWebRtcUrl() {
    MintedClientSecret minted = LocalUpstream.minter(openai)
        .mint(TestSettings.openAi().build(), ProviderCredential.apiKey(OPENAI_KEY), LocalUpstream.user());

    assertThat(minted.value()).isEqualTo(LocalUpstream.CLIENT_SECRET);
    assertThat(minted.expiresAt()).isEqualTo(LocalUpstream.EXPIRES_AT);
    assertThat(minted.upstreamStatus()).isEqualTo(200);
    assertThat(minted.upstreamLatency()).isPositive();
    assertThat(minted.outcome()).isEqualTo("ok");
    assertThat(minted.callsUrl()).isEqualTo(URI.create(LocalUpstream.baseUrl(openai) + "/v1/realtime/calls"));
  }

  @Test
  void acceptsABaseUrlThatAlreadyEndsInV1AsTheOpenAiSdksSpellIt() {
    var minter = LocalUpstream.minter(openai, Map.of("OPENAI_BASE_URL", LocalUpstream.baseUrl(openai) + "/v1/"),
        Clock.systemUTC());

    minter.mint(TestSettings.openAi().build(), ProviderCredential.apiKey(OPENAI_KEY), LocalUpstream.user());

    openai.verify(1, postRequestedFor(urlEqualTo(PATH)));
    assertThat(minter.callsUrl(TestSettings.openAi().build()).toString()).endsWith(":" + openai.getPort() + "/v1/realtime/calls");
  }

  @Test
  void oneMinterServesManyConcurrentMintsOverItsSharedClient() throws Exception {
    var minter = LocalUpstream.minter(openai);
    var settings = TestSettings.openAi().build();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.concurrent.Callable<MintedClientSecret> mint =
          () -> minter.mint(settings, ProviderCredential.apiKey(OPENAI_KEY), LocalUpstream.user());
      var results = pool.invokeAll(java.util.Collections.nCopies(12, mint));
      for (var result : results) {
        assertThat(result.get().value()).isEqualTo(LocalUpstream.CLIENT_SECRET);
      }
    } finally {
      pool.shutdownNow();
    }
    openai.verify(12, postRequestedFor(urlEqualTo(PATH)));
  }
}
