package dev.voiceplugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantIdTest {

  @Test
  void acceptsPlatformStyleIds() {
    assertThat(new TenantId("acme-corp_1.eu:prod").value()).isEqualTo("acme-corp_1.eu:prod");
  }

  @Test
  void rejectsBlankOverlongAndInjectionLikeIds() {
    assertThatThrownBy(() -> new TenantId("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TenantId("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TenantId("a' or 1=1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(TenantId.parse("x/../y")).isEmpty();
    assertThat(TenantId.parse(null)).isEmpty();
  }

  @Test
  void callerRequiresAUser() {
    assertThatThrownBy(() -> new Caller(new TenantId("t"), " ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Caller(new TenantId("t"), "u1").userId()).isEqualTo("u1");
  }
}
