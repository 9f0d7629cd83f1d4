package dev.voiceplugin.impl.provider;

import dev.voiceplugin.api.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The opaque end-user id sent to OpenAI as {@code OpenAI-Safety-Identifier} when minting, so abuse
 * can be traced to one user without telling OpenAI who that is. Always a SHA-256 hex digest: the
 * factories hash the raw id here, so callers pass the plain stable id and never hash it themselves.
 *
 * @param value 64 lowercase hex characters
 */
public record SafetyIdentifier(String value) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public SafetyIdentifier {
    Objects.requireNonNull(value, "value");
    if (!SHA256_HEX.matcher(value).matches()) {
      throw new IllegalArgumentException("a safety identifier is a SHA-256 hex digest");
    }
  }

  /**
   * The identifier of a signed-in user. The tenant is part of the hashed input because user ids
   * are only unique within a tenant of the host platform.
   */
  public static SafetyIdentifier forCaller(Caller caller) {
    // '/' cannot occur in a tenant id, so tenant and user cannot run into each other.
    String stableId = caller.tenant().value() + "/" + caller.userId();
    SafetyIdentifier known = OF_CALLERS.get(stableId);
    if (known != null) {
      return known;
    }
    SafetyIdentifier made = ofStableId(stableId);
    if (OF_CALLERS.size() >= MAX_REMEMBERED) {
      OF_CALLERS.clear(); // bounded: forgetting costs each caller's next mint one hash
    }
    OF_CALLERS.put(stableId, made);
    return made;
  }

  // A user's mints hash the same id every time; a hash and a hex string per mint were a twentieth
  // of the plugin's own CPU per mint. Bounded; the values are digests of ids, nothing secret.
  private static final int MAX_REMEMBERED = 10_000;
  private static final java.util.concurrent.ConcurrentHashMap<String, SafetyIdentifier> OF_CALLERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** How many callers' identifiers are remembered (for the bound's test). */
  static int remembered() {
    return OF_CALLERS.size();
  }

  /** SHA-256 hex of any stable, caller-chosen user id. */
  public static SafetyIdentifier ofStableId(String stableId) {
    Objects.requireNonNull(stableId, "stableId");
    if (stableId.isBlank()) {
      throw new IllegalArgumentException("stableId must not be blank");
    }
    byte[] digest = SHA_256.get().digest(stableId.getBytes(StandardCharsets.UTF_8)); // digest() resets it
    return new SafetyIdentifier(HexFormat.of().formatHex(digest));
  }

  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  });
}
