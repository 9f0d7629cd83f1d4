package dev.voiceplugin.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier of one tenant of the host platform. Every tenant-owned row carries it, and every
 * repository method takes it explicitly.
 *
 * @param value 1 to 128 characters: letters, digits, {@code . _ - : @}
 */
public record TenantId(String value) {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  public TenantId {
    Objects.requireNonNull(value, "value");
    if (!ALLOWED.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "tenant id must be 1-128 characters of letters, digits and . _ : @ -");
    }
  }

  /** Parses an untrusted string, returning empty when it is not a valid tenant id. */
  public static java.util.Optional<TenantId> parse(String raw) {
    if (raw == null || !ALLOWED.matcher(raw).matches()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new TenantId(raw));
  }

  @Override
  public String toString() {
    return value;
  }
}
