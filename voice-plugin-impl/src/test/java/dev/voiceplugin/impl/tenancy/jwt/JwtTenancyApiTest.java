package dev.voiceplugin.impl.tenancy.jwt;

import static dev.voiceplugin.impl.tenancy.jwt.Tokens.claims;
import static dev.voiceplugin.impl.tenancy.jwt.Tokens.hs256;
import static dev.voiceplugin.impl.tenancy.jwt.Tokens.secondsFromNow;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestKeys;
import dev.voiceplugin.impl.testing.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The jwt tenancy with an HS256 secret, through the real API on a real database. */
class JwtTenancyApiTest {
  static final String SETTINGS = "/api/v1/realtime-settings";
  static TestServer server;
  static ApiClient api;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", "jwt");
    settings.put("VOICE_JWT_SECRET", Tokens.SECRET);
    settings.put("VOICE_JWT_ISSUER", Tokens.ISSUER);
    settings.put("VOICE_JWT_AUDIENCE", Tokens.AUDIENCE);
    settings.put("VOICE_SESSION_ROLE", "voice-user");
    settings.put("VOICE_MASTER_KEY", TestKeys.masterKey());
    server = TestServer.start(settings);
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void captureLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ((Logger) LoggerFactory.getLogger(JwtTenancy.class)).setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    ((Logger) LoggerFactory.getLogger(JwtTenancy.class)).setLevel(null);
  }

  @Test
  void adminTokenReadsItsTenantsSettings() {
    ApiClient.Reply reply = api.get(SETTINGS, bearer(hs256(claims("acme", "ann", "voice-admin").build())));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().at("/version").asLong()).isZero();
  }

  @Test
  void meShowsTenantAndUserFromTheToken() {
    ApiClient.Reply me = api.get("/api/v1/me", bearer(hs256(claims("acme", "ann", "voice-admin").build())));
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().at("/tenantId").asText()).isEqualTo("acme");
    assertThat(me.json().at("/userId").asText()).isEqualTo("ann");
    assertThat(me.json().at("/admin").asBoolean()).isTrue();
    assertThat(me.json().at("/mayStartSession").asBoolean()).isTrue();
  }

  @Test
  void tokenInTheCookieIsAcceptedLikeTheHeader() {
    String token = hs256(claims("acme", "carl", "voice-admin").build());
    ApiClient.Reply reply = api.get(SETTINGS, "Cookie", "voice_token=" + token);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/me", "Cookie", "other=1; voice_token=" + token).json().at("/userId").asText()).isEqualTo("carl");
  }

  @Test
  void requestWithoutTokenIsNotSignedIn() {
    ApiClient.Reply reply = api.get(SETTINGS, "Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().at("/code").asText()).isEqualTo("not_signed_in");
  }

  @Test
  void tokenSignedWithAnotherSecretIsInvalid() {
    String forged = hs256(claims("acme", "ann", "voice-admin").build(), "another-secret-that-is-also-long-enough-for-hs256");
    assertRefused(forged, "token_invalid");
  }

  @Test
  void tokenWithAlteredClaimsIsInvalid() {
    String[] parts = hs256(claims("acme", "ann").build()).split("\\.");
    String promoted = hs256(claims("acme", "ann", "voice-admin").build()).split("\\.")[1];
    assertRefused(parts[0] + "." + promoted + "." + parts[2], "token_invalid");
  }

  @Test
  void malformedTokenIsInvalid() {
    assertRefused("not-a-jwt", "token_invalid");
    assertRefused("e30.e30.e30", "token_invalid");
  }

  @Test
  void expiredTokenIsRefused() {
    assertRefused(hs256(claims("acme", "ann", "voice-admin").expirationTime(secondsFromNow(-31)).build()), "token_expired");
  }

  @Test
  void tokenExpiredWithinTheClockSkewIsStillAccepted() {
    String token = hs256(claims("acme", "ann", "voice-admin").expirationTime(secondsFromNow(-10)).build());
    assertThat(api.get(SETTINGS, bearer(token)).status()).isEqualTo(200);
  }

  @Test
  void tokenWithoutExpiryIsInvalid() {
    assertRefused(hs256(claims("acme", "ann", "voice-admin").expirationTime(null).build()), "token_invalid");
  }

  @Test
  void tokenNotValidYetIsRefused() {
    assertRefused(hs256(claims("acme", "ann", "voice-admin").notBeforeTime(secondsFromNow(120)).build()), "token_not_yet_valid");
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    assertRefused(hs256(claims("acme", "ann", "voice-admin").issuer("https://evil.example").build()), "token_wrong_issuer");
    assertRefused(hs256(claims("acme", "ann", "voice-admin").issuer(null).build()), "token_wrong_issuer");
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    assertRefused(hs256(claims("acme", "ann", "voice-admin").audience("billing").build()), "token_wrong_audience");
    assertRefused(hs256(claims("acme", "ann", "voice-admin").audience((String) null).build()), "token_wrong_audience");
  }

  @Test
  void tokenWithoutTenantIsRefused() {
    assertRefused(hs256(claims("acme", "ann", "voice-admin").claim("tenant", null).build()), "token_missing_tenant");
    assertRefused(hs256(claims("not a tenant!", "ann", "voice-admin").build()), "token_missing_tenant");
  }

  @Test
  void tokenWithoutUserIsRefused() {
    assertRefused(hs256(claims("acme", "ann", "voice-admin").subject(null).build()), "token_missing_user");
  }

  @Test
  void unsignedTokenWithAlgNoneIsRefused() {
    assertRefused(Tokens.unsigned(claims("acme", "ann", "voice-admin").build()), "token_algorithm_rejected");
  }

  @Test
  void rs256TokenIsRefusedWhenOnlyASecretIsConfigured() {
    assertRefused(Tokens.rs256(claims("acme", "ann", "voice-admin").build(), Tokens.newRsaKey("k1")), "token_algorithm_rejected");
  }

  @Test
  void userWithoutAdminRoleIsNotTenantAdmin() {
    ApiClient.Reply reply = api.get(SETTINGS, bearer(hs256(claims("acme", "max", "voice-user").build())));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().at("/code").asText()).isEqualTo("not_tenant_admin");
  }

  @Test
  void sessionRoleMayStartSessionsButNotAdminister() {
    ApiClient.Reply me = api.get("/api/v1/me", bearer(hs256(claims("acme", "max", "voice-user").build())));
    assertThat(me.json().at("/admin").asBoolean()).isFalse();
    assertThat(me.json().at("/mayStartSession").asBoolean()).isTrue();
    ApiClient.Reply nobody = api.get("/api/v1/me", bearer(hs256(claims("acme", "nia").build())));
    assertThat(nobody.json().at("/mayStartSession").asBoolean()).isFalse();
  }

  @Test
  void adminOfOneTenantNeverReadsAnotherTenantsSettings() {
    String adminOfB = hs256(claims("tenant-b", "bea", "voice-admin").build());
    ObjectNode settingsOfB = (ObjectNode) api.get(SETTINGS, bearer(adminOfB)).json().at("/settings");
    settingsOfB.put("instructions", "tenant B secret prompt");
    ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().set("settings", settingsOfB);
    ApiClient.Reply saved = api.put(SETTINGS, body, "Authorization", "Bearer " + adminOfB, "If-Match", "\"0\"",
        "X-Requested-With", "voice-plugin");
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);

    String adminOfA = hs256(claims("tenant-a", "alice", "voice-admin").build());
    ApiClient.Reply read = api.get(SETTINGS + "?tenant=tenant-b", "Authorization", "Bearer " + adminOfA,
        "X-Voice-Tenant", "tenant-b", "Cookie", "voice_token=" + adminOfB);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().at("/version").asLong()).isZero();
    assertThat(read.body()).doesNotContain("tenant B secret prompt");
  }

  private void assertRefused(String token, String code) {
    ApiClient.Reply reply = api.get(SETTINGS, bearer(token));
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().at("/code").asText()).isEqualTo(code);
    assertThat(reply.json().at("/hint").asText()).isNotBlank();
    for (String part : token.split("\\.")) {
      if (part.length() > 8) {
        assertThat(reply.body()).doesNotContain(part);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(part));
      }
    }
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.contains(code));
  }

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }
}
