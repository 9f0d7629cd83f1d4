package dev.voiceplugin.impl.tenancy.jwt;

import static dev.voiceplugin.impl.tenancy.jwt.Tokens.claims;
import static dev.voiceplugin.impl.tenancy.jwt.Tokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.api.spi.CredentialsRejectedException;
import dev.voiceplugin.impl.VoicePluginException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jwt tenancy as the plugin calls it, several times per request. */
class JwtTenancyTest {

  static Map<String, String> hs256Settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("VOICE_JWT_SECRET", Tokens.SECRET);
    settings.put("VOICE_JWT_ISSUER", Tokens.ISSUER);
    settings.put("VOICE_JWT_AUDIENCE", Tokens.AUDIENCE);
    return settings;
  }

  static JwtTenancy tenancy(Map<String, String> settings) {
    JwtTenancy tenancy = new JwtTenancy();
    tenancy.init(settings);
    return tenancy;
  }

  @Test
  void verifiesEachRequestsTokenOnce() {
    JwtTenancy tenancy = tenancy(hs256Settings());
    FakeRequest fake = FakeRequest.bearer(hs256(claims("acme", "ann", "voice-admin").build()));
    var request = fake.request();

    assertThat(tenancy.resolveUser(request)).contains("ann");
    assertThat(tenancy.resolveTenant(request)).contains(new TenantId("acme"));
    assertThat(tenancy.mayAdminister(request, new TenantId("acme"))).isTrue();
    assertThat(tenancy.mayStartSession(request, new TenantId("acme"))).isTrue();
    assertThat(fake.tokenReads).hasValue(1);
  }

  @Test
  void refusedTokenIsRefusedOnEveryCallButVerifiedOnce() {
    JwtTenancy tenancy = tenancy(hs256Settings());
    FakeRequest fake = FakeRequest.bearer(hs256(claims("acme", "ann", "voice-admin").build(), "x".repeat(40)));
    var request = fake.request();

    assertThatThrownBy(() -> tenancy.resolveUser(request)).isInstanceOf(CredentialsRejectedException.class);
    assertThatThrownBy(() -> tenancy.resolveTenant(request)).isInstanceOf(CredentialsRejectedException.class);
    assertThat(tenancy.mayAdminister(request, new TenantId("acme"))).isFalse();
    assertThat(fake.tokenReads).hasValue(1);
  }

  @Test
  void adminOfOneTenantIsNoAdminOfAnother() {
    JwtTenancy tenancy = tenancy(hs256Settings());
    var request = FakeRequest.bearer(hs256(claims("acme", "ann", "voice-admin").build())).request();
    assertThat(tenancy.mayAdminister(request, new TenantId("globex"))).isFalse();
    assertThat(tenancy.mayStartSession(request, new TenantId("globex"))).isFalse();
  }

  @Test
  void rolesThatAreNotAStringArrayAreRefused() {
    JwtTenancy tenancy = tenancy(hs256Settings());
    var request = FakeRequest.bearer(hs256(claims("acme", "ann").claim("roles", "voice-admin").build())).request();
    assertThatThrownBy(() -> tenancy.resolveUser(request)).isInstanceOfSatisfying(CredentialsRejectedException.class,
        e -> assertThat(e.code()).isEqualTo("token_invalid"));
  }

  @Test
  void claimNamesAndRolesAreConfigurable() {
    Map<String, String> settings = hs256Settings();
    settings.put("VOICE_JWT_TENANT_CLAIM", "org");
    settings.put("VOICE_JWT_USER_CLAIM", "email");
    settings.put("VOICE_JWT_ROLES_CLAIM", "groups");
    settings.put("VOICE_ADMIN_ROLE", "owner");
    JwtTenancy tenancy = tenancy(settings);
    var request = FakeRequest.bearer(hs256(claims("ignored", "ignored")
        .claim("org", "initech").claim("email", "peter@initech.example").claim("groups", java.util.List.of("owner")).build())).request();

    assertThat(tenancy.resolveTenant(request)).contains(new TenantId("initech"));
    assertThat(tenancy.resolveUser(request)).contains("peter@initech.example");
    assertThat(tenancy.mayAdminister(request, new TenantId("initech"))).isTrue();
  }

  @Test
  void unreachableKeyServerIsAnOutageNotTheCallersFault() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> settings = hs256Settings();
    settings.remove("VOICE_JWT_SECRET");
    settings.put("VOICE_JWT_JWKS_URL", "http://127.0.0.1:" + closedPort + "/jwks.json");
    JwtTenancy tenancy = tenancy(settings);
    var request = FakeRequest.bearer(Tokens.rs256(claims("acme", "ann", "voice-admin").build(), Tokens.newRsaKey("k1"))).request();

    assertThatThrownBy(() -> tenancy.resolveUser(request)).isInstanceOfSatisfying(VoicePluginException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.code()).isEqualTo("token_keys_unavailable");
    });
  }
}
