package dev.voiceplugin.impl.crypto;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys that protect tenants' API keys: the current one ({@code VOICE_MASTER_KEY},
 * base64 of 32 random bytes, with id {@code VOICE_MASTER_KEY_ID}) encrypts; older ones
 * ({@code VOICE_MASTER_KEYS_PREVIOUS}, {@code id:base64,id:base64}) still decrypt during a rotation.
 */
public final class MasterKeys {
  private final Optional<Key> current;
  private final Map<String, SecretKey> all;

  /** One master key. */
  public record Key(String id, SecretKey secret) {}

  private MasterKeys(Optional<Key> current, Map<String, SecretKey> all) {
    this.current = current;
    this.all = Map.copyOf(all);
  }

  public static MasterKeys parse(Optional<String> currentBase64, String currentId, Optional<String> previous) {
    Map<String, SecretKey> all = new LinkedHashMap<>();
    Optional<Key> current = currentBase64.map(b64 -> new Key(checkId(currentId), decode("VOICE_MASTER_KEY", b64)));
    current.ifPresent(k -> all.put(k.id(), k.secret()));
    previous.ifPresent(list -> {
      for (String entry : list.split(",")) {
        String trimmed = entry.trim();
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
          throw new InvalidConfigurationException("VOICE_MASTER_KEYS_PREVIOUS must be id:base64 pairs separated by commas");
        }
        String id = checkId(trimmed.substring(0, colon));
        all.putIfAbsent(id, decode("VOICE_MASTER_KEYS_PREVIOUS (" + id + ")", trimmed.substring(colon + 1)));
      }
    });
    return new MasterKeys(current, all);
  }

  public Optional<Key> current() {
    return current;
  }

  public Optional<SecretKey> byId(String id) {
    return Optional.ofNullable(all.get(id));
  }

  Map<String, Boolean> ids() {
    Map<String, Boolean> ids = new LinkedHashMap<>();
    all.keySet().forEach(id -> ids.put(id, current.map(k -> k.id().equals(id)).orElse(false)));
    return ids;
  }

  private static String checkId(String id) {
    if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new InvalidConfigurationException("master key ids must be 1-64 letters, digits, . _ -");
    }
    return id;
  }

  private static SecretKey decode(String name, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(name + " must be base64 (e.g. openssl rand -base64 32)");
    }
    if (bytes.length != 32) {
      throw new InvalidConfigurationException(name + " must decode to 32 bytes (AES-256), was " + bytes.length);
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
