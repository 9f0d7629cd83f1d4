package dev.voiceplugin.impl.provider.calls;

import static dev.voiceplugin.impl.provider.calls.CallFailureTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.provider.ProviderCallNotFoundException;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.ProviderKeyRejectedException;
import dev.voiceplugin.impl.provider.ProviderUnavailableException;
import dev.voiceplugin.impl.provider.RealtimeSessionConfig;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.testing.fake.FakeCall;
import dev.voiceplugin.impl.testing.fake.FakeEvents;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.impl.web.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sideband: events in order off the client's threads, one bounded writer, pings, and exactly one end. */
class SidebandTest {
  private CallsFixture fixture = new CallsFixture(SidebandOptions.DEFAULTS.withPingInterval(Duration.ofMillis(100))
      .withCloseGrace(Duration.ofMillis(300)));
  private final RecordingListener listener = new RecordingListener();

  @AfterEach
  void close() {
    fixture.close();
  }

  private Sideband attach(CreatedCall call) {
    return fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId(), listener).join();
  }

  @Test
  void receivesPushedEventsInOrderOffTheHttpClientsThreadsAndSendsSessionUpdate() {
    CreatedCall call = fixture.createOpenAiCall();
    Sideband sideband = attach(call);
    FakeCall fake = fixture.fake.call(call.providerCallId()).awaitSideband();

    ObjectNode update = RealtimeSessionConfig.sessionUpdateEvent(fixture.openAi());
    sideband.send(update).join();
    fake.push(FakeEvents.sessionUpdated("You help administrators of the Acme shop."))
        .pushFragmented(FakeEvents.responseDone("resp_1", 120, 300, 64, 20, 410), 7)
        .push(FakeEvents.transcriptionCompleted("item_1", "Hallo \"daar\"", 55, 12));

    List<JsonNode> events = listener.awaitEvents(3);
    assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("session.updated", "response.done",
        "conversation.item.input_audio_transcription.completed");
    assertThat(events.get(1).at("/response/usage/input_token_details/cached_tokens_details/text_tokens").asInt()).isEqualTo(64);
    assertThat(events.get(2).at("/usage/input_token_details/audio_tokens").asInt()).isEqualTo(55);
    assertThat(listener.threads()).allMatch(name -> name.startsWith("voice-plugin-sideband-events-"));
    assertThat(fake.awaitReceived(1)).containsExactly(update);
    assertThat(fake.received().get(0).has("session")).isTrue();
    var handshake = fixture.fake.requests("/v1/realtime").get(0);
    assertThat(handshake.query()).isEqualTo("call_id=" + call.providerCallId());
    assertThat(handshake.headerValues("Authorization")).containsExactly("Bearer " + FakeRealtimeProvider.OPENAI_KEY);
    assertThat(sideband.isOpen()).isTrue();
  }

  @Test
  void aSlowListenerStillGetsEveryEventInOrder() {
    CreatedCall call = fixture.createOpenAiCall();
    listener.slow(20);
    attach(call);
    FakeCall fake = fixture.fake.call(call.providerCallId()).awaitSideband();
    for (int i = 0; i < 20; i++) {
      fake.push("{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"" + i + "\"}");
    }
    fake.close(1000, "");

    assertThat(listener.awaitEvents(20)).extracting(e -> e.path("delta").asText())
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
            "18", "19");
    assertThat(listener.awaitClosed().code()).isEqualTo(1000);
  }

  @Test
  void pingsTheProviderOnTheInterval() throws Exception {
    CreatedCall call = fixture.createOpenAiCall();
    attach(call);
    FakeCall fake = fixture.fake.call(call.providerCallId()).awaitSideband();

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (fake.pings() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(fake.pings()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void providerClosingMidCallEndsItOnceAfterTheEventsBeforeTheClose() throws Exception {
    CreatedCall call = fixture.createOpenAiCall();
    Sideband sideband = attach(call);
    fixture.fake.call(call.providerCallId()).awaitSideband()
        .push(FakeEvents.sessionExpired())
        .push(FakeEvents.responseDone("resp_last", 1, 2, 0, 3, 4))
        .close(1001, "Your session hit the maximum duration of 60 minutes.");

    RecordingListener.Closed closed = listener.awaitClosed();
    assertThat(closed.code()).isEqualTo(1001);
    assertThat(closed.reason()).contains("maximum duration");
    assertThat(listener.events()).extracting(e -> e.path("type").asText()).containsExactly("error", "response.done");
    assertThat(failure(sideband.send(Json.mapper().createObjectNode().put("type", "response.create"))))
        .isInstanceOf(SidebandSendException.class).extracting("code").isEqualTo("sideband_closed");
    sideband.close();
    Thread.sleep(200);
    assertThat(listener.closes()).hasSize(1);
    assertThat(sideband.isOpen()).isFalse();
    assertThat(fixture.provider.openSidebands()).isZero();
  }

  @Test
  void aDroppedConnectionEndsItOnceAsBroken() throws Exception {
    CreatedCall call = fixture.createOpenAiCall();
    attach(call);
    fixture.fake.call(call.providerCallId()).awaitSideband().drop();

    assertThat(listener.awaitClosed().code()).isEqualTo(-1);
    Thread.sleep(200);
    assertThat(listener.closes()).hasSize(1);
    assertThat(fixture.provider.openSidebands()).isZero();
  }

  @Test
  void hangingUpClosesTheSidebandFromTheProviderSide() {
    CreatedCall call = fixture.createOpenAiCall();
    attach(call);
    fixture.fake.call(call.providerCallId()).awaitSideband();

    fixture.provider.hangup(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId()).join();

    assertThat(listener.awaitClosed().code()).isEqualTo(1000);
  }

  @Test
  void ourCloseSends1000TellsTheListenerOnceAndRefusesFurtherSends() throws Exception {
    CreatedCall call = fixture.createOpenAiCall();
    Sideband sideband = attach(call);
    FakeCall fake = fixture.fake.call(call.providerCallId()).awaitSideband();

    sideband.close();
    sideband.close();

    assertThat(listener.awaitClosed()).isEqualTo(new RecordingListener.Closed(1000, "closed by the plugin"));
    fake.awaitSidebandClosed();
    assertThat(fake.closedByPluginWith()).hasValue(1000);
    assertThat(failure(sideband.send(Json.mapper().createObjectNode().put("type", "response.create"))))
        .isInstanceOf(SidebandSendException.class);
    int pings = fake.pings();
    Thread.sleep(350);
    assertThat(fake.pings()).as("no pings after close").isEqualTo(pings);
    assertThat(listener.closes()).hasSize(1);
    assertThat(fixture.provider.openSidebands()).isZero();
  }

  @Test
  void sendsBeyondTheQueueBoundFailAtOnceWhenTheProviderStopsReading() throws Exception {
    fixture.close();
    fixture = new CallsFixture(SidebandOptions.DEFAULTS.withMaxQueuedEvents(4).withCloseGrace(Duration.ofMillis(300)));
    CreatedCall call = fixture.createOpenAiCall();
    Sideband sideband = attach(call);
    fixture.fake.call(call.providerCallId()).awaitSideband().stopReading();

    ObjectNode big = Json.mapper().createObjectNode().put("type", "conversation.item.create").put("pad", "x".repeat(256 << 10));
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    CompletableFuture<Void> refused = null;
    for (int i = 0; i < 1_000 && refused == null; i++) {
      CompletableFuture<Void> send = sideband.send(big);
      if (send.isCompletedExceptionally()) {
        refused = send;
      } else {
        sends.add(send);
      }
    }
    assertThat(refused).as("a send refused once the queue is full").isNotNull();
    assertThat(failure(refused)).isInstanceOf(SidebandSendException.class).extracting("code").isEqualTo("sideband_backlogged");

    sideband.close();
    assertThat(listener.awaitClosed().code()).isEqualTo(1000);
    // The provider never answers our close: the connection is dropped after the grace period,
    // which the fake notices once it reads again.
    Thread.sleep(500);
    fixture.fake.call(call.providerCallId()).resumeReading().awaitSidebandClosed();
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get();
    assertThat(sends.stream().filter(CompletableFuture::isCompletedExceptionally)).isNotEmpty();
    assertThat(fixture.provider.openSidebands()).isZero();
  }

  @Test
  void anEventLargerThanTheBoundClosesWith1009() {
    fixture.close();
    fixture = new CallsFixture(SidebandOptions.DEFAULTS.withMaxEventBytes(64 << 10));
    CreatedCall call = fixture.createOpenAiCall();
    attach(call);
    FakeCall fake = fixture.fake.call(call.providerCallId()).awaitSideband();

    fake.push("{\"type\":\"session.updated\"}").pushFragmented("{\"type\":\"response.done\",\"pad\":\"" + "é".repeat(40 << 10) + "\"}", 8);

    assertThat(listener.awaitClosed().code()).isEqualTo(1009);
    assertThat(listener.events()).hasSize(1);
    fake.awaitSidebandClosed();
    assertThat(fake.closedByPluginWith()).hasValue(1008); // the JDK may not send 1009 itself
  }

  @Test
  void aListenerThatThrowsDoesNotStallTheSideband() {
    CreatedCall call = fixture.createOpenAiCall();
    RecordingListener after = new RecordingListener();
    SidebandListener failingOnce = new SidebandListener() {
      private boolean failed;

      @Override
      public void onEvent(JsonNode event) {
        if (!failed) {
          failed = true;
          throw new IllegalStateException("the database is down");
        }
        after.onEvent(event);
      }

      @Override
      public void onClosed(int code, String reason) {
        after.onClosed(code, reason);
      }
    };
    fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId(), failingOnce).join();
    fixture.fake.call(call.providerCallId()).awaitSideband().push("{\"type\":\"a\"}").push("{\"type\":\"b\"}");

    assertThat(after.awaitEvents(1)).extracting(e -> e.path("type").asText()).containsExactly("b");
  }

  @Test
  void aMessageThatIsNotAJsonObjectIsSkipped() {
    CreatedCall call = fixture.createOpenAiCall();
    attach(call);
    fixture.fake.call(call.providerCallId()).awaitSideband().push("not json").push("[1,2]").push("{\"type\":\"ok\"}");

    assertThat(listener.awaitEvents(1)).extracting(e -> e.path("type").asText()).containsExactly("ok");
  }

  @Test
  void anUnknownCallIsRefusedWithCallNotFoundAndTheListenerHearsOfItOnce() throws Exception {
    Throwable refused = failure(fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, "rtc_unknown", listener));

    assertThat(refused).isInstanceOf(ProviderCallNotFoundException.class);
    assertThat(((ProviderCallNotFoundException) refused).upstreamStatus()).hasValue(404);
    RecordingListener.Closed closed = listener.awaitClosed();
    assertThat(closed.code()).isEqualTo(-1);
    assertThat(closed.reason()).contains("rtc_unknown").contains("404");
    Thread.sleep(100);
    assertThat(listener.closes()).hasSize(1);
    assertThat(fixture.provider.openSidebands()).isZero();
  }

  @Test
  void anEphemeralKeyOrAWrongKeyIsRefused() {
    CreatedCall call = fixture.createOpenAiCall();

    assertThat(failure(fixture.provider.attach(fixture.openAi(), ProviderCredential.tenantKey("ek_68af296e8e408191a1120ab6383263c2"),
        call.providerCallId(), new RecordingListener()))).isInstanceOf(ProviderCallNotFoundException.class);
    assertThat(failure(fixture.provider.attach(fixture.openAi(), ProviderCredential.tenantKey("sk-proj-WRONGwrongWRONGwrong0123"),
        call.providerCallId(), new RecordingListener()))).isInstanceOf(ProviderKeyRejectedException.class);
    fixture.fake.refuseSidebands(true);
    assertThat(failure(fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId(),
        new RecordingListener()))).isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void anUnreachableProviderFailsTheAttach() throws Exception {
    CreatedCall call = fixture.createOpenAiCall();
    fixture.fake.close();

    assertThat(failure(fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId(), listener)))
        .extracting("code").isEqualTo("provider_unreachable");
    assertThat(listener.awaitClosed().code()).isEqualTo(-1);
  }

  @Test
  void azureSidebandUsesTheOpenAiV1PathAndTheApiKey() {
    CreatedCall call = fixture.provider.create(fixture.azure(AzureAuth.API_KEY), CallsFixture.AZURE, CallsFixture.OFFER,
        CallsFixture.USER).join();

    Sideband sideband = fixture.provider.attach(fixture.azure(AzureAuth.API_KEY), CallsFixture.AZURE, call.providerCallId(),
        listener).join();
    fixture.fake.call(call.providerCallId()).awaitSideband().push(FakeEvents.sessionUpdated("x"));

    assertThat(listener.awaitEvents(1)).hasSize(1);
    var handshake = fixture.fake.requests("/openai/v1/realtime").get(0);
    assertThat(handshake.headerValues("api-key")).containsExactly(FakeRealtimeProvider.AZURE_KEY);
    assertThat(handshake.header("Authorization")).isEmpty();
    sideband.close();
  }

  @Test
  void closingTheProviderDropsEverySidebandAndStopsItsThreads() throws Exception {
    RecordingListener second = new RecordingListener();
    CreatedCall one = fixture.createOpenAiCall();
    CreatedCall two = fixture.createOpenAiCall();
    attach(one);
    fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, two.providerCallId(), second).join();
    fixture.fake.call(one.providerCallId()).awaitSideband();
    fixture.fake.call(two.providerCallId()).awaitSideband();

    fixture.provider.close();

    assertThat(listener.awaitClosed().code()).isEqualTo(1001);
    assertThat(second.awaitClosed().code()).isEqualTo(1001);
    fixture.fake.call(one.providerCallId()).awaitSidebandClosed();
    fixture.fake.call(two.providerCallId()).awaitSidebandClosed();
    assertThat(fixture.provider.openSidebands()).isZero();
    Thread.sleep(100);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && t.getName().startsWith("voice-plugin-sideband-timer"));
  }
}
