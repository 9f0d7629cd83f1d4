package dev.voiceplugin.impl.provider.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.provider.EntraTokenSource;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.ProviderHttp;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.provider.TestSettings;
import dev.voiceplugin.impl.settings.AzureSettings.AzureAuth;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.time.Clock;
import java.util.Map;

/** A fake provider and a call provider pointed at it; closes both and checks the fake saw nothing unlawful. */
final class CallsFixture implements AutoCloseable {
  static final String OFFER = String.join("\r\n", "v=0", "o=- 7613837447216419232 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
      "a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0", "a=sendrecv",
      "a=rtpmap:111 opus/48000/2", "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:1",
      "a=sctp-port:5000", "");
  static final ProviderCredential OPENAI = ProviderCredential.tenantKey(FakeRealtimeProvider.OPENAI_KEY);
  static final ProviderCredential AZURE = ProviderCredential.tenantKey(FakeRealtimeProvider.AZURE_KEY);
  static final SafetyIdentifier USER = SafetyIdentifier.ofStableId("acme/alice@example.com");

  final FakeRealtimeProvider fake = FakeRealtimeProvider.start();
  final ProviderHttp http;
  final RealtimeCallProvider provider;

  CallsFixture() {
    this(SidebandOptions.DEFAULTS);
  }

  CallsFixture(SidebandOptions options) {
    VoiceConfig config = fake.config(Map.of());
    http = ProviderHttp.fromConfig(config);
    provider = new RealtimeCallProvider(http, new EntraTokenSource(config, http), Clock.systemUTC(), options);
  }

  RealtimeSettings openAi() {
    return TestSettings.openAi().transcription("gpt-4o-mini-transcribe", "en", null).build();
  }

  RealtimeSettings azure(AzureAuth auth) {
    return TestSettings.azure(fake.baseUrl(), auth, "realtime-prod").build();
  }

  CreatedCall createOpenAiCall() {
    return provider.create(openAi(), OPENAI, OFFER, USER).join();
  }

  @Override
  public void close() {
    provider.close();
    http.close();
    fake.close();
    assertThat(fake.violations()).as("requests the real provider would refuse").isEmpty();
  }
}
