package dev.voiceplugin.impl.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.voiceplugin.impl.config.VoiceConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A WireMock server on 127.0.0.1 playing OpenAI, Azure OpenAI and Entra ID, and minters pointed at it. */
final class LocalUpstream {
  static final String OPENAI_KEY = "sk-proj-TESTKEYabcdefghijklmnopqrstuvwxyz0123456789";
  static final String AZURE_KEY = "0123456789abcdef0123456789abcdef";
  static final String CLIENT_SECRET = "ek_68af296e8e408191a1120ab6383263c2";
  static final long EXPIRES_AT = 1_756_310_470L;
  static final String ENTRA_TENANT = "11111111-2222-3333-4444-555555555555";
  static final String ENTRA_CLIENT_SECRET = "entra~Client.Secret_value-123";
  static final String ENTRA_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJjb2duaXRpdmUifQ.c2lnbmF0dXJl";

  private LocalUpstream() {}

  static WireMockExtension server() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().asynchronousResponseEnabled(false))
        .build();
  }

  /** Always 127.0.0.1, never "localhost" (which may resolve to ::1). */
  static String baseUrl(WireMockExtension server) {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Short timeouts so fault tests finish fast; OpenAI and Entra both point at {@code server}. */
  static VoiceConfig config(WireMockExtension server, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(Map.of(
        "OPENAI_BASE_URL", baseUrl(server),
        "VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "500",
        "VOICE_PROVIDER_READ_TIMEOUT_MS", "800",
        "AZURE_TENANT_ID", ENTRA_TENANT,
        "AZURE_CLIENT_ID", "app-client-id",
        "AZURE_CLIENT_SECRET", ENTRA_CLIENT_SECRET,
        "AZURE_AUTHORITY_HOST", baseUrl(server)));
    values.putAll(overrides);
    return VoiceConfig.of(values);
  }

  static ClientSecretMinter minter(WireMockExtension server) {
    return minter(server, Map.of(), Clock.systemUTC());
  }

  static ClientSecretMinter minter(WireMockExtension server, Map<String, String> overrides, Clock clock) {
    VoiceConfig config = config(server, overrides);
    ProviderHttp http = ProviderHttp.fromConfig(config);
    return new ClientSecretMinter(http, new EntraTokenSource(config, http, clock), clock);
  }

  static String okBody() {
    return "{\"value\":\"" + CLIENT_SECRET + "\",\"expires_at\":" + EXPIRES_AT
        + ",\"session\":{\"type\":\"realtime\",\"object\":\"realtime.session\",\"id\":\"sess_1\",\"model\":\"gpt-realtime\"}}";
  }

  static String tokenBody(long expiresIn) {
    return "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":" + expiresIn
        + ",\"access_token\":\"" + ENTRA_TOKEN + "\"}";
  }

  static SafetyIdentifier user() {
    return SafetyIdentifier.ofStableId("acme/alice@example.com");
  }
}
