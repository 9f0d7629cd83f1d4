package dev.voiceplugin.impl.testing;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh random master keys for tests. */
public final class TestKeys {
  private TestKeys() {}

  public static String masterKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
