package dev.voiceplugin.impl.provider.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.calls.CreatedCall;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.settings.LiveDelegation;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.impl.testing.fake.RecordedRequest;
import dev.voiceplugin.impl.web.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating a GPT-Live session sends exactly GPT-Live's strict JSON and keeps its id; the browser gets only the SDP. */
class LiveSessionCreationTest {
  private final LiveFixture fixture = new LiveFixture();
  private final FakeRealtimeProvider fake = fixture.fake;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void openAiSessionIsOneJsonPostWithOnlyGptLivesFieldsAndTheOfferVerbatim() throws Exception {
    CreatedCall call = fixture.provider.create(LiveFixture.openAi(), LiveFixture.OPENAI, LiveFixture.OFFER, LiveFixture.USER).join();

    RecordedRequest request = fake.requests("/v1/live/sessions").get(0);
    assertThat(request.headerValues("Authorization")).containsExactly("Bearer " + FakeRealtimeProvider.OPENAI_KEY);
    assertThat(request.header("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(request.query()).isNull();
    JsonNode body = Json.mapper().readTree(request.body());
    assertThat(fieldNames(body)).containsExactly("session", "transport");
    assertThat(body.at("/transport/type").asText()).isEqualTo("webrtc");
    assertThat(body.at("/transport/sdp").asText()).isEqualTo(LiveFixture.OFFER);
    JsonNode session = body.get("session");
    assertThat(fieldNames(session)).containsExactly("model", "instructions", "audio", "client");
    assertThat(session.path("model").asText()).isEqualTo("gpt-live-1.1");
    assertThat(session.at("/audio/output/voice").asText()).isEqualTo("marin");
    assertThat(session.at("/client/data_channel/allowed_client_events").toString())
        .isEqualTo("[\"session.input_audio.mute\",\"session.input_audio.unmute\"]");
    assertThat(session.at("/client/data_channel/allowed_server_events").findValuesAsText("type"))
        .contains("session.started", "session.output_transcript.delta", "session.closed").doesNotContain("response.event",
            "session.usage.updated");

    assertThat(call.providerCallId()).startsWith("live_");
    FakeCall created = fake.call(call.providerCallId());
    assertThat(created.flavor()).isEqualTo(FakeCall.Flavor.OPENAI_LIVE);
    assertThat(call.sdpAnswer()).isEqualTo(FakeRealtimeProvider.CANNED_ANSWER.apply(LiveFixture.OFFER));
    assertThat(fake.requests().stream().map(RecordedRequest::path)).noneMatch(p -> p.contains("/realtime"));
  }

  @Test
  void aResponsesDelegationNamesItsModelAndWebSearchAndACustomVoiceIsAnId() {
    fake.addCustomVoice("voice_acme_42");
    var settings = LiveFixture.openAi("gpt-live-1", "voice_acme_42", new LiveDelegation(LiveDelegation.Type.RESPONSES, "gpt-5.5", true));
    CreatedCall call = fixture.provider.create(settings, LiveFixture.OPENAI, LiveFixture.OFFER, LiveFixture.USER).join();

    JsonNode session = fake.call(call.providerCallId()).session().orElseThrow();
    assertThat(session.at("/delegation").toString())
        .isEqualTo("{\"type\":\"responses\",\"responses\":{\"model\":\"gpt-5.5\",\"tools\":[{\"type\":\"web_search\"}]}}");
    assertThat(session.at("/audio/output/voice").toString()).isEqualTo("{\"id\":\"voice_acme_42\"}");
    var withoutSearch = LiveFixture.openAi("gpt-live-1", "marin", new LiveDelegation(LiveDelegation.Type.RESPONSES, "gpt-5.5", null));
    CreatedCall second = fixture.provider.create(withoutSearch, LiveFixture.OPENAI, LiveFixture.OFFER, LiveFixture.USER).join();
    assertThat(fake.call(second.providerCallId()).session().orElseThrow().at("/delegation/responses").has("tools")).isFalse();
  }

  @Test
  void azureSessionsGoToTheResourceWithItsKeyOrEntraIdAndNoApiVersion() {
    CreatedCall withKey = fixture.provider.create(fixture.azure(AzureAuth.API_KEY), LiveFixture.AZURE, LiveFixture.OFFER,
        LiveFixture.USER).join();
    CreatedCall withEntra = fixture.provider.create(fixture.azure(AzureAuth.ENTRA_ID), ProviderCredential.entraId(),
        LiveFixture.OFFER, LiveFixture.USER).join();

    List<RecordedRequest> posts = fake.requests("/openai/v1/live/sessions");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).headerValues("api-key")).containsExactly(FakeRealtimeProvider.AZURE_KEY);
    assertThat(posts.get(0).header("Authorization")).isEmpty();
    assertThat(posts.get(1).headerValues("Authorization")).containsExactly("Bearer " + FakeRealtimeProvider.ENTRA_TOKEN);
    assertThat(posts).allSatisfy(p -> assertThat(p.query()).isNull());
    assertThat(fake.call(withKey.providerCallId()).flavor()).isEqualTo(FakeCall.Flavor.AZURE_LIVE);
    assertThat(fake.call(withEntra.providerCallId()).session().orElseThrow().path("model").asText()).isEqualTo("live-prod");
    assertThat(fake.call(withKey.providerCallId()).session().orElseThrow().has("instructions"))
        .as("blank instructions are left to GPT-Live's defaults").isFalse();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
