package dev.voiceplugin.impl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VoiceConfigTest {

  @Test
  void contextParametersAreReadInEitherSpelling() {
    VoiceConfig config = VoiceConfig.fromEnvironment(Map.of("voice.db.pool.size", "3", "VOICE_DB_SCHEMA", "tenant_voice")::get);
    assertThat(config.getInt(Setting.DB_POOL_SIZE)).isEqualTo(3);
    assertThat(config.require(Setting.DB_SCHEMA)).isEqualTo("tenant_voice");
  }

  @Test
  void systemPropertiesWinOverContextParameters() {
    System.setProperty("voice.db.retry.seconds", "9");
    try {
      VoiceConfig config = VoiceConfig.fromEnvironment(Map.of("VOICE_DB_RETRY_SECONDS", "2")::get);
      assertThat(config.getInt(Setting.DB_RETRY_SECONDS)).isEqualTo(9);
    } finally {
      System.clearProperty("voice.db.retry.seconds");
    }
  }

  @Test
  void defaultsApplyAndBadValuesNameTheSetting() {
    VoiceConfig config = VoiceConfig.of(Map.of("VOICE_DB_MIGRATE", "perhaps", "VOICE_DB_POOL_SIZE", "ten"));
    assertThat(config.require(Setting.DB_SCHEMA)).isEqualTo("voice_plugin");
    assertThatThrownBy(() -> config.getBoolean(Setting.DB_MIGRATE)).hasMessageContaining("VOICE_DB_MIGRATE");
    assertThatThrownBy(() -> config.getInt(Setting.DB_POOL_SIZE)).hasMessageContaining("VOICE_DB_POOL_SIZE");
  }
}
