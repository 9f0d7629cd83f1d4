package dev.voiceplugin.impl.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.api.TenantId;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void safetyIdentifierIsTheSha256OfTenantAndUser() {
    var id = SafetyIdentifier.forCaller(new Caller(new TenantId("acme"), "alice"));

    // printf 'acme/alice' | sha256sum
    assertThat(id.value()).isEqualTo("cb023568eca578b55e16817352ef05bef35cfd3522bfbf8d50112d510aa6ce41");
    assertThat(id.value()).matches("[0-9a-f]{64}").doesNotContain("alice");
    assertThat(SafetyIdentifier.forCaller(new Caller(new TenantId("other"), "alice"))).isNotEqualTo(id);
    assertThatThrownBy(() -> new SafetyIdentifier("alice")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCallersRememberedIdentifierIsTheSameHashAndTheMemoryIsBounded() {
    var first = SafetyIdentifier.forCaller(new Caller(new TenantId("acme"), "alice"));
    var again = SafetyIdentifier.forCaller(new Caller(new TenantId("acme"), "alice"));
    assertThat(again).isEqualTo(first).isEqualTo(SafetyIdentifier.ofStableId("acme/alice"));

    for (int i = 0; i < 25_000; i++) {
      SafetyIdentifier.forCaller(new Caller(new TenantId("t" + i), "u"));
      assertThat(SafetyIdentifier.remembered()).isLessThanOrEqualTo(10_000);
    }
    assertThat(SafetyIdentifier.forCaller(new Caller(new TenantId("t24999"), "u")))
        .isEqualTo(SafetyIdentifier.ofStableId("t24999/u"));
  }

  @Test
  void mintedSecretAndApiKeyHideTheirSecretsInToString() {
    var minted = new MintedClientSecret("ek_topsecret", 1_756_310_470L, 200, Duration.ofMillis(42), URI.create("https://x/v1/realtime/calls"));

    assertThat(minted.toString()).doesNotContain("ek_topsecret").contains("1756310470");
    assertThat(minted.expiresAtInstant()).isEqualTo(Instant.ofEpochSecond(1_756_310_470L));
    assertThat(ProviderCredential.apiKey("sk-topsecret").toString()).doesNotContain("sk-topsecret");
    assertThatThrownBy(() -> ProviderCredential.apiKey("sk-with space")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderCredential.apiKey("sk-x\r\nX-Injected: 1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retryAfterIsReadAsSecondsOrHttpDateAndClamped() {
    Clock clock = Clock.fixed(Instant.parse("2026-09-01T10:00:00Z"), ZoneOffset.UTC);

    assertThat(UpstreamStatusFailures.retryAfterSeconds(withRetryAfter("12"), clock)).hasValue(12);
    assertThat(UpstreamStatusFailures.retryAfterSeconds(withRetryAfter("Tue, 01 Sep 2026 10:00:30 GMT"), clock)).hasValue(30);
    assertThat(UpstreamStatusFailures.retryAfterSeconds(withRetryAfter("999999"), clock))
        .hasValue(UpstreamStatusFailures.MAX_RETRY_AFTER_SECONDS);
    assertThat(UpstreamStatusFailures.retryAfterSeconds(withRetryAfter("soon"), clock)).isEmpty();
  }

  private static UpstreamResponse withRetryAfter(String value) {
    return new UpstreamResponse(429, HttpHeaders.of(Map.of("Retry-After", List.of(value)), (a, b) -> true), new byte[0],
        Duration.ZERO);
  }
}
