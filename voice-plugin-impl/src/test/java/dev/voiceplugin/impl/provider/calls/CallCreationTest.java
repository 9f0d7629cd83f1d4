package dev.voiceplugin.impl.provider.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.RealtimeSessionConfig;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.impl.testing.fake.RecordedRequest;
import dev.voiceplugin.impl.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating a call sends exactly what each provider takes and reads back the call id and the SDP answer. */
class CallCreationTest {
  private final CallsFixture fixture = new CallsFixture();
  private final FakeRealtimeProvider fake = fixture.fake;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void openAiCallIsOneMultipartPostWithTheOfferVerbatimAndTheMintSession() throws Exception {
    CreatedCall call = fixture.createOpenAiCall();

    RecordedRequest request = fake.requests("/v1/realtime/calls").get(0);
    assertThat(request.headerValues("Authorization")).containsExactly("Bearer " + FakeRealtimeProvider.OPENAI_KEY);
    assertThat(request.headerValues("Accept")).containsExactly("application/sdp");
    assertThat(request.headerValues("OpenAI-Safety-Identifier")).containsExactly(CallsFixture.USER.value());
    assertThat(request.header("OpenAI-Beta")).isEmpty();
    Matcher type = Pattern.compile("multipart/form-data; boundary=(\\S+)").matcher(request.header("Content-Type").orElseThrow());
    assertThat(type.matches()).isTrue();
    String boundary = type.group(1);
    String session = Json.mapper().writeValueAsString(RealtimeSessionConfig.mintSession(fixture.openAi()));
    assertThat(request.bodyText()).isEqualTo("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"sdp\"\r\nContent-Type: application/sdp\r\n\r\n" + CallsFixture.OFFER + "\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"session\"\r\nContent-Type: application/json\r\n\r\n" + session + "\r\n"
        + "--" + boundary + "--\r\n");

    FakeCall created = fake.call(call.providerCallId());
    assertThat(created.offer()).isEqualTo(CallsFixture.OFFER);
    JsonNode sent = created.session().orElseThrow();
    assertThat(sent.path("type").asText()).isEqualTo("realtime");
    assertThat(sent.path("model").asText()).isEqualTo("gpt-realtime");
    assertThat(sent.has("expires_after")).isFalse();
    assertThat(sent.at("/audio/input/transcription/model").asText()).isEqualTo("gpt-4o-mini-transcribe");
    assertThat(call.providerCallId()).startsWith("rtc_");
    assertThat(call.sdpAnswer()).isEqualTo(FakeRealtimeProvider.CANNED_ANSWER.apply(CallsFixture.OFFER));
  }

  @Test
  void theAnswerIsWhateverTheProviderAnsweredAndTheIdTheLastSegmentOfLocation() {
    fake.answerOffersWith(offer -> "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=answer to " + offer.length() + "\r\n");
    CreatedCall call = fixture.createOpenAiCall();
    assertThat(call.sdpAnswer()).isEqualTo("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=answer to " + CallsFixture.OFFER.length() + "\r\n");

    fake.answerNextCreate(201, java.util.Map.of("Location", "https://api.example/v1/realtime/calls/rtc_u1_9c6574da8b8a41a1",
        "Content-Type", "application/sdp"), "v=0\r\ns=-\r\n");
    assertThat(fixture.createOpenAiCall().providerCallId()).isEqualTo("rtc_u1_9c6574da8b8a41a1");
  }

  @Test
  void azureCallMintsAOneMinuteSecretWithTheSessionThenPostsTheRawOfferWithIt() {
    CreatedCall call = fixture.provider.create(fixture.azure(AzureAuth.API_KEY), CallsFixture.AZURE, CallsFixture.OFFER,
        CallsFixture.USER).join();

    RecordedRequest mint = fake.requests("/openai/v1/realtime/client_secrets").get(0);
    assertThat(mint.headerValues("api-key")).containsExactly(FakeRealtimeProvider.AZURE_KEY);
    assertThat(mint.header("Authorization")).isEmpty();
    assertThat(mint.header("OpenAI-Safety-Identifier")).isEmpty();
    JsonNode body = readJson(mint.body());
    assertThat(body.at("/expires_after/seconds").asInt()).isEqualTo(RealtimeCallProvider.AZURE_SECRET_TTL_SECONDS);
    assertThat(body.at("/session/model").asText()).isEqualTo("realtime-prod");

    RecordedRequest post = fake.requests("/openai/v1/realtime/calls").get(0);
    String secret = fake.mintedSecrets().iterator().next();
    assertThat(post.headerValues("Authorization")).containsExactly("Bearer " + secret);
    assertThat(post.header("api-key")).isEmpty();
    assertThat(post.headerValues("Content-Type")).containsExactly("application/sdp");
    assertThat(post.headerValues("Accept")).containsExactly("application/sdp");
    assertThat(post.query()).isNull();
    assertThat(post.bodyText()).isEqualTo(CallsFixture.OFFER);
    assertThat(fake.call(call.providerCallId()).flavor()).isEqualTo(FakeCall.Flavor.AZURE);
    assertThat(fake.call(call.providerCallId()).session().orElseThrow()).isEqualTo(body.get("session"));
    assertThat(fake.requests("/v1/realtime/calls")).isEmpty();
  }

  @Test
  void azureEntraIdCallMintsWithTheBearerToken() {
    CreatedCall call = fixture.provider.create(fixture.azure(AzureAuth.ENTRA_ID), ProviderCredential.entraId(),
        CallsFixture.OFFER, CallsFixture.USER).join();

    assertThat(fake.requests("/openai/v1/realtime/client_secrets").get(0).headerValues("Authorization"))
        .containsExactly("Bearer " + FakeRealtimeProvider.ENTRA_TOKEN);
    assertThat(fake.calls()).extracting(FakeCall::id).containsExactly(call.providerCallId());
  }

  @Test
  void theFakeRefusesTheResourceKeyOnAzureCallsAsAzureDoes() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.baseUrl() + "/openai/v1/realtime/calls"))
        .header("api-key", FakeRealtimeProvider.AZURE_KEY).header("Content-Type", "application/sdp")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CallsFixture.OFFER)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("This operation requires ephemeral tokens");
  }

  @Test
  void theFakeRefusesSessionFieldsThePublishedSchemaDoesNotHave() throws Exception {
    String boundary = "b0undary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sdp\"\r\nContent-Type: application/sdp\r\n\r\n"
        + CallsFixture.OFFER + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"session\"\r\n"
        + "Content-Type: application/json\r\n\r\n{\"type\":\"realtime\",\"modalities\":[\"audio\"]}\r\n--" + boundary + "--\r\n";
    var response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.baseUrl() + "/v1/realtime/calls"))
            .header("Authorization", "Bearer " + FakeRealtimeProvider.OPENAI_KEY)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unknown property 'modalities'");
    assertThat(fake.takeViolations()).hasSize(1); // sent by this test, not by the plugin
  }

  private static JsonNode readJson(byte[] body) {
    try {
      return Json.mapper().readTree(new String(body, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
