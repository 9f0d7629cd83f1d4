package dev.voiceplugin.impl.provider.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.provider.EntraTokenSource;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.ProviderHttp;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.provider.calls.RealtimeCallProvider;
import dev.voiceplugin.impl.settings.AzureSettings;
import dev.voiceplugin.impl.settings.LiveDelegation;
import dev.voiceplugin.impl.settings.LiveSettings;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.testing.fake.FakeRealtimeProvider;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A fake provider and a GPT-Live provider pointed at it; closes both and checks the fake saw nothing unlawful. */
final class LiveFixture implements AutoCloseable {
  static final String OFFER = String.join("\r\n", "v=0", "o=- 7613837447216419232 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
      "a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0", "a=sendrecv",
      "a=rtpmap:111 opus/48000/2", "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:1",
      "a=sctp-port:5000", "");
  static final ProviderCredential OPENAI = ProviderCredential.tenantKey(FakeRealtimeProvider.OPENAI_KEY);
  static final ProviderCredential AZURE = ProviderCredential.tenantKey(FakeRealtimeProvider.AZURE_KEY);
  static final SafetyIdentifier USER = SafetyIdentifier.ofStableId("acme/alice@example.com");

  final FakeRealtimeProvider fake = FakeRealtimeProvider.start();
  final ProviderHttp http;
  final RealtimeCallProvider sockets;
  final LiveCallProvider provider;

  LiveFixture() {
    VoiceConfig config = fake.config(Map.of());
    http = ProviderHttp.fromConfig(config);
    EntraTokenSource entra = new EntraTokenSource(config, http);
    sockets = new RealtimeCallProvider(http, entra, Clock.systemUTC());
    provider = new LiveCallProvider(http, entra, Clock.systemUTC(), sockets);
  }

  static RealtimeSettings openAi(String model, String voice, LiveDelegation delegation) {
    return RealtimeSettings.live(Provider.OPENAI_LIVE, null, model, voice, "You help administrators of the Acme shop.",
        new LiveSettings(delegation, List.of(LiveSettings.MUTE, LiveSettings.UNMUTE)), List.of());
  }

  static RealtimeSettings openAi() {
    return openAi("gpt-live-1.1", "marin", LiveDelegation.OFF);
  }

  RealtimeSettings azure(AzureSettings.AzureAuth auth) {
    return RealtimeSettings.live(Provider.AZURE_LIVE, new AzureSettings(fake.baseUrl(), auth), "live-prod", "cedar", "",
        LiveSettings.DEFAULTS, List.of());
  }

  @Override
  public void close() {
    sockets.close();
    http.close();
    fake.close();
    assertThat(fake.violations()).as("requests the real provider would refuse").isEmpty();
  }
}
