package dev.voiceplugin.impl.tenancy.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.voiceplugin.impl.tenancy.jwt.Tokens.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jwt tenancy with the host's JWKS served by a local key server: RS256 only, keys cached. */
class JwtJwksApiTest {
  static final String SETTINGS = "/api/v1/realtime-settings";
  static final String JWKS_PATH = "/.well-known/jwks.json";
  static final RSAKey HOST_KEY = Tokens.newRsaKey("host-2025");
  static final ECKey HOST_EC_KEY = Tokens.newEcKey("host-ec-2025");

  @RegisterExtension
  static WireMockExtension keyServer = WireMockExtension.newInstance()
      .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .resetOnEachTest(false) // the stub and the request count span the class, like the plugin's key cache
      .build();

  static TestServer server;
  static ApiClient api;

  @BeforeAll
  static void start() {
    keyServer.stubFor(get(JWKS_PATH).willReturn(okJson(new JWKSet(List.of(HOST_KEY.toPublicJWK(), HOST_EC_KEY.toPublicJWK())).toString())));
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", "jwt");
    settings.put("VOICE_JWT_JWKS_URL", "http://127.0.0.1:" + keyServer.getPort() + JWKS_PATH);
    settings.put("VOICE_JWT_ISSUER", Tokens.ISSUER);
    settings.put("VOICE_JWT_AUDIENCE", Tokens.AUDIENCE);
    server = TestServer.start(settings);
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void rs256TokenSignedWithAPublishedKeyIsAccepted() {
    ApiClient.Reply me = api.get("/api/v1/me", bearer(Tokens.rs256(claims("acme", "ann", "voice-admin").build(), HOST_KEY)));
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().at("/tenantId").asText()).isEqualTo("acme");
    assertThat(me.json().at("/userId").asText()).isEqualTo("ann");
    assertThat(me.json().at("/admin").asBoolean()).isTrue();
    assertThat(api.get(SETTINGS, bearer(Tokens.rs256(claims("acme", "ann", "voice-admin").build(), HOST_KEY))).status())
        .isEqualTo(200);
  }

  @Test
  void es256TokenSignedWithAPublishedKeyIsAccepted() {
    ApiClient.Reply me = api.get("/api/v1/me", bearer(Tokens.es256(claims("globex", "eve").build(), HOST_EC_KEY)));
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().at("/tenantId").asText()).isEqualTo("globex");
    assertThat(me.json().at("/admin").asBoolean()).isFalse();
  }

  @Test
  void publishedKeysAreCachedNotFetchedPerRequest() {
    assertThat(api.get(SETTINGS, bearer(Tokens.rs256(claims("acme", "ann", "voice-admin").build(), HOST_KEY))).status())
        .isEqualTo(200);
    // No test of this class asks for a kid the key server lacks, so nothing ever needs a refresh.
    keyServer.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));
    for (String user : new String[] {"bob", "cid", "dan"}) {
      assertThat(api.get("/api/v1/me", bearer(Tokens.rs256(claims("acme", user, "voice-admin").build(), HOST_KEY))).status())
          .isEqualTo(200);
    }
    keyServer.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));
  }

  @Test
  void hs256TokenIsRefusedWhenAJwksIsConfigured() {
    // The classic confusion attack: HMAC "signed" with something the attacker can know, like the public key.
    String confused = Tokens.hs256(claims("acme", "ann", "voice-admin").build(), HOST_KEY.toPublicJWK().toJSONString());
    ApiClient.Reply reply = api.get(SETTINGS, bearer(confused));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().at("/code").asText()).isEqualTo("token_algorithm_rejected");
  }

  @Test
  void tokenSignedWithAnUnpublishedKeyIsInvalid() {
    RSAKey stranger = Tokens.newRsaKey("host-2025");
    ApiClient.Reply reply = api.get(SETTINGS, bearer(Tokens.rs256(claims("acme", "ann", "voice-admin").build(), stranger)));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().at("/code").asText()).isEqualTo("token_invalid");
  }

  @Test
  void unsignedTokenIsRefusedWhenAJwksIsConfigured() {
    ApiClient.Reply reply = api.get(SETTINGS, bearer(Tokens.unsigned(claims("acme", "ann", "voice-admin").build())));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().at("/code").asText()).isEqualTo("token_algorithm_rejected");
  }

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }
}
