package dev.voiceplugin.impl.provider.calls;

import dev.voiceplugin.impl.provider.EntraTokenSource;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.Upstream;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.util.List;
import java.util.Map;

/**
 * The resource credential of one request, as headers: OpenAI {@code Authorization: Bearer <key>},
 * Azure {@code api-key: <key>} or {@code Authorization: Bearer <Entra ID token>}. {@link #toString()}
 * hides them. Public for the GPT-Live package beside this one, which authenticates the same way.
 *
 * @param secrets what to redact from anything the provider quotes back
 */
public record CallAuth(Upstream upstream, Map<String, String> headers, List<String> secrets, ProviderCredential.Source source) {
  public CallAuth {
    headers = Map.copyOf(headers);
    secrets = List.copyOf(secrets);
  }

  /** Refuses a credential of the wrong kind (an API key for Entra ID settings, or the other way round). */
  public static CallAuth of(RealtimeSettings settings, ProviderCredential credential, EntraTokenSource entra) {
    boolean wantsKey = ProviderCredential.usesApiKey(settings);
    if (wantsKey != (credential instanceof ProviderCredential.ApiKey)) {
      throw new IllegalArgumentException("provider " + settings.provider().wire() + " needs "
          + (wantsKey ? "an API key" : "the Entra ID credential"));
    }
    Upstream upstream = upstream(settings);
    if (credential instanceof ProviderCredential.ApiKey key) {
      return !settings.provider().onAzure()
          ? new CallAuth(upstream, Map.of("Authorization", "Bearer " + key.value()), List.of(key.value()), key.source())
          : new CallAuth(upstream, Map.of("api-key", key.value()), List.of(key.value()), key.source());
    }
    String token = entra.accessToken();
    return new CallAuth(upstream, Map.of("Authorization", "Bearer " + token), List.of(token), credential.source());
  }

  public static Upstream upstream(RealtimeSettings settings) {
    return !settings.provider().onAzure() ? Upstream.OPENAI : Upstream.AZURE_OPENAI;
  }

  @Override
  public String toString() {
    return "CallAuth[" + upstream.displayName() + ", " + source + ", <redacted>]";
  }
}
