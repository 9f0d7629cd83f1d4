package dev.voiceplugin.api;

import java.util.Objects;

/**
 * Who is calling the plugin's API: the tenant the request acts for and the signed-in user.
 *
 * @param tenant the tenant resolved by the configured {@link dev.voiceplugin.api.spi.TenantResolver}
 * @param userId a stable identifier of the user, used for audit, rate limits and the provider's
 *     safety identifier (hashed before it leaves the server)
 */
public record Caller(TenantId tenant, String userId) {
  public Caller {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(userId, "userId");
    if (userId.isBlank() || userId.length() > 256) {
      throw new IllegalArgumentException("userId must be 1-256 characters");
    }
  }
}
