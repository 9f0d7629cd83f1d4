package dev.voiceplugin.impl.tenancy.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.tenancy.Tenancy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configuration the jwt tenancy cannot use stops the plugin at start-up with a clear, secret-free reason. */
class JwtSettingsTest {

  private static Map<String, String> with(String key, String value) {
    Map<String, String> settings = JwtTenancyTest.hs256Settings();
    if (value == null) {
      settings.remove(key);
    } else {
      settings.put(key, value);
    }
    return settings;
  }

  private static InvalidConfigurationException refused(Map<String, String> settings) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new JwtTenancy().init(settings));
    assertThat(thrown).isInstanceOf(InvalidConfigurationException.class);
    return (InvalidConfigurationException) thrown;
  }

  @Test
  void isSelectedByVoiceTenancyJwtThroughServiceLoader() {
    Map<String, String> settings = with("VOICE_TENANCY", "jwt");
    Tenancy tenancy = Tenancy.fromConfig(VoiceConfig.of(settings), getClass().getClassLoader());
    assertThat(tenancy.resolverName()).contains("jwt");
  }

  @Test
  void startingWithoutAnyKeysIsRefused() {
    Map<String, String> settings = with("VOICE_JWT_SECRET", null);
    settings.put("VOICE_TENANCY", "jwt");
    assertThatThrownBy(() -> Tenancy.fromConfig(VoiceConfig.of(settings), getClass().getClassLoader()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("VOICE_JWT_SECRET").hasMessageContaining("VOICE_JWT_JWKS_URL").hasMessageContaining("neither");
  }

  @Test
  void startingWithBothASecretAndAJwksIsRefused() {
    assertThat(refused(with("VOICE_JWT_JWKS_URL", "https://platform.example/jwks.json")))
        .hasMessageContaining("exactly one").hasMessageContaining("both")
        .hasMessageNotContaining(Tokens.SECRET);
  }

  @Test
  void shortSecretIsRefusedWithoutEchoingIt() {
    String tooShort = "only-31-bytes-long-secret-12345";
    assertThat(tooShort.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(31);
    assertThat(refused(with("VOICE_JWT_SECRET", tooShort)))
        .hasMessageContaining("VOICE_JWT_SECRET").hasMessageContaining("32 bytes").hasMessageNotContaining(tooShort);
    new JwtTenancy().init(with("VOICE_JWT_SECRET", tooShort + "6"));
  }

  @Test
  void issuerAndAudienceAreRequired() {
    assertThat(refused(with("VOICE_JWT_ISSUER", null))).hasMessageContaining("VOICE_JWT_ISSUER");
    assertThat(refused(with("VOICE_JWT_AUDIENCE", " "))).hasMessageContaining("VOICE_JWT_AUDIENCE");
  }

  @Test
  void jwksOverPlainHttpIsRefusedExceptOnLoopback() {
    Map<String, String> remote = with("VOICE_JWT_SECRET", null);
    remote.put("VOICE_JWT_JWKS_URL", "http://platform.example/jwks.json");
    assertThat(refused(remote)).hasMessageContaining("VOICE_JWT_JWKS_URL").hasMessageContaining("https");

    Map<String, String> local = with("VOICE_JWT_SECRET", null);
    local.put("VOICE_JWT_JWKS_URL", "http://localhost:8080/jwks.json");
    new JwtTenancy().init(local);
  }

  @Test
  void clockSkewMustBeSmall() {
    assertThat(refused(with("VOICE_JWT_CLOCK_SKEW_SECONDS", "3600"))).hasMessageContaining("VOICE_JWT_CLOCK_SKEW_SECONDS");
    assertThat(refused(with("VOICE_JWT_CLOCK_SKEW_SECONDS", "soon"))).hasMessageContaining("VOICE_JWT_CLOCK_SKEW_SECONDS");
  }
}
