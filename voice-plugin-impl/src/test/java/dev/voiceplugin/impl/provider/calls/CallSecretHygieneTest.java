package dev.voiceplugin.impl.provider.calls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.testing.fake.FakeEvents;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import dev.voiceplugin.impl.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Keys, Entra tokens and the Azure call's client secret never reach a log line, an exception or a listener. */
class CallSecretHygieneTest {
  private static final String WRONG_OPENAI = "sk-proj-WRONGkeyWRONGkeyWRONGkey0123456789abcd";
  private static final String WRONG_AZURE = "00000000111111112222222233333333";
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> surfaced = new ArrayList<>();
  private CallsFixture fixture;

  @BeforeEach
  void captureEveryLogLine() {
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.ALL);
    logs.start();
    root.addAppender(logs);
    fixture = new CallsFixture();
  }

  @AfterEach
  void stopCapturing() {
    fixture.close();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    root.setLevel(Level.INFO);
  }

  @Test
  void aWholeCallOnEachProviderLeaksNothing() {
    RecordingListener listener = new RecordingListener();
    CreatedCall call = fixture.createOpenAiCall();
    Sideband sideband = fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId(), listener).join();
    sideband.send(Json.mapper().createObjectNode().put("type", "response.create")).join();
    fixture.fake.call(call.providerCallId()).awaitSideband().push(FakeEvents.responseDone("resp_1", 1, 2, 0, 3, 4));
    listener.awaitEvents(1);
    fixture.provider.hangup(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId()).join();
    surfaced.add(listener.awaitClosed().toString());

    for (AzureAuth auth : AzureAuth.values()) {
      ProviderCredential credential = auth == AzureAuth.API_KEY ? CallsFixture.AZURE : ProviderCredential.entraId();
      CreatedCall azure = fixture.provider.create(fixture.azure(auth), credential, CallsFixture.OFFER, CallsFixture.USER).join();
      surfaced.add(azure.toString());
      fixture.provider.attach(fixture.azure(auth), credential, azure.providerCallId(), new RecordingListener()).join().close();
      fixture.provider.hangup(fixture.azure(auth), credential, azure.providerCallId()).join();
    }
    surfaced.add(CallAuthToString.of(fixture));

    assertThat(fixture.fake.mintedSecrets()).hasSize(2);
    assertNothingLeaked();
  }

  @Test
  void failuresLeakNothingEvenWhenTheProviderQuotesTheKeys() {
    String quoting = "Incorrect API key provided: " + FakeRealtimeProvider.OPENAI_KEY + " / " + FakeRealtimeProvider.AZURE_KEY
        + " / " + FakeRealtimeProvider.ENTRA_TOKEN;
    expectFailure(fixture.provider.create(fixture.openAi(), ProviderCredential.tenantKey(WRONG_OPENAI), CallsFixture.OFFER,
        CallsFixture.USER));
    expectFailure(fixture.provider.create(fixture.azure(AzureAuth.API_KEY), ProviderCredential.tenantKey(WRONG_AZURE),
        CallsFixture.OFFER, CallsFixture.USER));
    for (int status : new int[] {400, 401, 403, 404, 429, 500}) {
      fixture.fake.failNextCreate(status, FakeRealtimeProvider.error("invalid_request_error", null, quoting));
      expectFailure(fixture.provider.create(fixture.openAi(), CallsFixture.OPENAI, CallsFixture.OFFER, CallsFixture.USER));
      fixture.fake.failNextCreate(status, FakeRealtimeProvider.error("invalid_request_error", null, quoting));
      expectFailure(fixture.provider.create(fixture.azure(AzureAuth.API_KEY), CallsFixture.AZURE, CallsFixture.OFFER,
          CallsFixture.USER));
    }
    fixture.fake.answerNextCreate(201, java.util.Map.of(), "<html>" + FakeRealtimeProvider.OPENAI_KEY + "</html>");
    expectFailure(fixture.provider.create(fixture.openAi(), CallsFixture.OPENAI, CallsFixture.OFFER, CallsFixture.USER));

    CreatedCall call = fixture.createOpenAiCall();
    expectFailure(fixture.provider.attach(fixture.openAi(), ProviderCredential.tenantKey(WRONG_OPENAI), call.providerCallId(),
        recording()));
    fixture.fake.failNextSideband(400, FakeRealtimeProvider.error("invalid_request_error", null, quoting));
    expectFailure(fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId(), recording()));
    fixture.fake.failNextHangup(400, FakeRealtimeProvider.error("invalid_request_error", null, quoting));
    expectFailure(fixture.provider.hangup(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId()));
    expectFailure(fixture.provider.hangup(fixture.openAi(), ProviderCredential.tenantKey(WRONG_OPENAI), call.providerCallId()));

    RecordingListener listener = new RecordingListener();
    fixture.provider.attach(fixture.openAi(), CallsFixture.OPENAI, call.providerCallId(), listener).join();
    fixture.fake.call(call.providerCallId()).awaitSideband().close(4000, "bad key " + FakeRealtimeProvider.OPENAI_KEY);
    surfaced.add(listener.awaitClosed().reason());

    assertThat(surfaced).hasSizeGreaterThan(20);
    assertNothingLeaked();
  }

  private RecordingListener recording() {
    RecordingListener listener = new RecordingListener();
    listenersToCheck.add(listener);
    return listener;
  }

  private final List<RecordingListener> listenersToCheck = new ArrayList<>();

  private void expectFailure(CompletableFuture<?> stage) {
    try {
      stage.join();
      throw new AssertionError("should have failed");
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      surfaced.add(cause.getMessage() + " | " + cause);
      if (cause instanceof VoicePluginException problem) {
        surfaced.add(problem.hint() + " | " + problem.extensions());
      }
    }
  }

  private void assertNothingLeaked() {
    List<String> secrets = new ArrayList<>(List.of(FakeRealtimeProvider.OPENAI_KEY, FakeRealtimeProvider.AZURE_KEY,
        FakeRealtimeProvider.ENTRA_TOKEN, FakeRealtimeProvider.ENTRA_CLIENT_SECRET, WRONG_OPENAI, WRONG_AZURE));
    secrets.addAll(fixture.fake.mintedSecrets());
    List<String> lines = new ArrayList<>(surfaced);
    listenersToCheck.forEach(l -> lines.addAll(l.closes().stream().map(Object::toString).toList()));
    for (ILoggingEvent event : logs.list) {
      lines.add(event.getFormattedMessage());
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        lines.add(ThrowableProxyUtil.asString(thrown));
      }
    }
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      for (String secret : secrets) {
        assertThat(line).doesNotContain(secret);
      }
    }
  }

  /** CallAuth is package-private: its toString is checked from here. */
  static final class CallAuthToString {
    static String of(CallsFixture fixture) {
      return CallAuth.of(fixture.openAi(), CallsFixture.OPENAI, null).toString();
    }
  }
}
