package dev.voiceplugin.impl.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo cookie: what is signed verifies (again and again, from the cache), nothing else does. */
class DemoSessionTest {
  @Test
  void aSignedCookieVerifiesEveryTime() {
    String value = new DemoSession("acme", "alice", true).toCookieValue();
    assertThat(DemoSession.parse(value)).contains(new DemoSession("acme", "alice", true));
    assertThat(DemoSession.parse(value)).contains(new DemoSession("acme", "alice", true));
  }

  @Test
  void aTamperedOrForgedCookieIsRefusedEvenAfterTheRealOneWasSeen() {
    String value = new DemoSession("acme", "bob", false).toCookieValue();
    assertThat(DemoSession.parse(value)).isPresent();
    int dot = value.indexOf('.');
    String otherPayload = new DemoSession("acme", "bob", true).toCookieValue().substring(0, dot + 1);
    assertThat(DemoSession.parse(otherPayload + value.substring(dot + 1))).as("admin payload, bob's signature").isEmpty();
    assertThat(DemoSession.parse(value.substring(0, value.length() - 2) + "xx")).isEmpty();
    assertThat(DemoSession.parse(value + "x")).isEmpty();
    assertThat(DemoSession.parse("no-dot")).isEmpty();
    assertThat(DemoSession.parse(null)).isEmpty();
  }

  @Test
  void theCacheIsBoundedAndForgettingCostsOnlyAVerification() {
    String first = new DemoSession("t0", "u0", false).toCookieValue();
    assertThat(DemoSession.parse(first)).isPresent();
    for (int i = 1; i <= 10_050; i++) {
      assertThat(DemoSession.parse(new DemoSession("t" + i, "u" + i, false).toCookieValue())).isPresent();
    }
    assertThat(DemoSession.verifiedCount()).isLessThanOrEqualTo(10_000);
    assertThat(DemoSession.parse(first)).isEqualTo(Optional.of(new DemoSession("t0", "u0", false)));
  }
}
