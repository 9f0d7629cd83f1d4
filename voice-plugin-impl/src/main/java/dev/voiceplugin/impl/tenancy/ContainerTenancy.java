package dev.voiceplugin.impl.tenancy;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.api.spi.AdminAuthorizer;
import dev.voiceplugin.api.spi.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Built-in tenancy {@code container}: the user is the container's authenticated
 * {@link java.security.Principal}; administrators have the role {@code VOICE_ADMIN_ROLE}
 * (default {@code voice-admin}); the tenant comes from the request attribute
 * {@code VOICE_TENANT_ATTRIBUTE}, which a host filter sets, or from the header
 * {@code VOICE_TENANT_HEADER}, believed only when the request comes straight from one of
 * {@code VOICE_TRUSTED_PROXIES}.
 */
public final class ContainerTenancy implements TenantResolver, AdminAuthorizer {
  private volatile String tenantAttribute = "dev.voiceplugin.tenant";
  private volatile String tenantHeader = "X-Voice-Tenant";
  private volatile Set<String> trustedProxies = Set.of();
  private volatile String adminRole = "voice-admin";
  private volatile String sessionRole = "voice-admin";

  @Override
  public String name() {
    return "container";
  }

  @Override
  public void init(Map<String, String> settings) {
    tenantAttribute = settings.getOrDefault("VOICE_TENANT_ATTRIBUTE", tenantAttribute);
    tenantHeader = settings.getOrDefault("VOICE_TENANT_HEADER", tenantHeader);
    trustedProxies = Arrays.stream(settings.getOrDefault("VOICE_TRUSTED_PROXIES", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    adminRole = settings.getOrDefault("VOICE_ADMIN_ROLE", adminRole);
    sessionRole = settings.getOrDefault("VOICE_SESSION_ROLE", adminRole);
  }

  @Override
  public Optional<TenantId> resolveTenant(HttpServletRequest request) {
    Object attribute = request.getAttribute(tenantAttribute);
    if (attribute instanceof TenantId id) {
      return Optional.of(id);
    }
    if (attribute instanceof String s) {
      return TenantId.parse(s);
    }
    if (trustedProxies.contains(request.getRemoteAddr())) {
      return TenantId.parse(request.getHeader(tenantHeader));
    }
    return Optional.empty();
  }

  @Override
  public boolean mayAdminister(HttpServletRequest request, TenantId tenant) {
    return request.getUserPrincipal() != null && request.isUserInRole(adminRole);
  }

  @Override
  public boolean mayStartSession(HttpServletRequest request, TenantId tenant) {
    return request.getUserPrincipal() != null && (request.isUserInRole(sessionRole) || request.isUserInRole(adminRole));
  }
}
