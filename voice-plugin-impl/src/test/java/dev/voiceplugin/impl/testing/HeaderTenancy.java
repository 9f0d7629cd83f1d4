package dev.voiceplugin.impl.testing;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.api.spi.AdminAuthorizer;
import dev.voiceplugin.api.spi.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * A host platform's tenancy as a test would write it, found through ServiceLoader like any host's:
 * identity from {@code X-Test-User}, {@code X-Test-Tenant} and {@code X-Test-Admin} headers. It
 * proves the SPI path and lets isolation tests express "no tenant at all".
 */
public final class HeaderTenancy implements TenantResolver, AdminAuthorizer {
  public static final String NAME = "test-headers";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<TenantId> resolveTenant(HttpServletRequest request) {
    return TenantId.parse(request.getHeader("X-Test-Tenant"));
  }

  @Override
  public Optional<String> resolveUser(HttpServletRequest request) {
    return Optional.ofNullable(request.getHeader("X-Test-User"));
  }

  @Override
  public boolean mayAdminister(HttpServletRequest request, TenantId tenant) {
    return "true".equals(request.getHeader("X-Test-Admin"));
  }

  @Override
  public boolean mayStartSession(HttpServletRequest request, TenantId tenant) {
    return mayAdminister(request, tenant) || "true".equals(request.getHeader("X-Test-Session"));
  }

  /** Headers for an administrator of {@code tenant}, plus the CSRF header every write needs. */
  public static String[] admin(String tenant, String user) {
    return new String[] {"X-Test-Tenant", tenant, "X-Test-User", user, "X-Test-Admin", "true", "X-Requested-With", "voice-plugin"};
  }

  /** Headers for a user of {@code tenant} who is not an administrator and may (or may not) start sessions. */
  public static String[] member(String tenant, String user, boolean mayStartSessions) {
    return new String[] {"X-Test-Tenant", tenant, "X-Test-User", user, "X-Test-Session", Boolean.toString(mayStartSessions),
        "X-Requested-With", "voice-plugin"};
  }

  /** Headers for a signed-in user of {@code tenant} who is not an administrator. */
  public static String[] member(String tenant, String user) {
    return new String[] {"X-Test-Tenant", tenant, "X-Test-User", user, "X-Requested-With", "voice-plugin"};
  }
}
