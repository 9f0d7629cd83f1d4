package dev.voiceplugin.impl.crypto;

import dev.voiceplugin.api.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts tenants' provider API keys at rest with AES-256-GCM: a random 96-bit nonce per
 * encryption, the tenant id as associated data (a ciphertext copied to another tenant's row does
 * not decrypt), and the master key's id stored beside it so keys can be rotated.
 */
public final class ApiKeyCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private final SecureRandom random = new SecureRandom();
  private final MasterKeys keys;

  public ApiKeyCipher(MasterKeys keys) {
    this.keys = keys;
  }

  /** A ciphertext and the id of the master key that made it. */
  public record Sealed(byte[] ciphertext, String keyId) {}

  /** True when a master key is configured, i.e. keys can be stored. */
  public boolean canEncrypt() {
    return keys.current().isPresent();
  }

  public Sealed encrypt(TenantId tenant, String apiKey) {
    MasterKeys.Key key = keys.current().orElseThrow(ApiKeyStorageUnavailableException::new);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key.secret(), nonce, tenant);
      byte[] sealed = cipher.doFinal(apiKey.getBytes(StandardCharsets.UTF_8));
      return new Sealed(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array(), key.id());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** Decrypts, or throws {@link ApiKeyUnreadableException} when the master key is wrong or missing. */
  public String decrypt(TenantId tenant, Sealed sealed) {
    Optional<SecretKey> key = keys.byId(sealed.keyId());
    if (key.isEmpty()) {
      throw new ApiKeyUnreadableException(sealed.keyId(), "no master key with that id is configured");
    }
    byte[] data = sealed.ciphertext();
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.get(), java.util.Arrays.copyOf(data, NONCE_BYTES), tenant);
      return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new ApiKeyUnreadableException(sealed.keyId(), "the configured master key does not match the one that encrypted it");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, TenantId tenant) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(tenant.value().getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** For diagnostics only: which key ids can be read. */
  public Map<String, Boolean> keyIds() {
    return keys.ids();
  }
}
