package dev.voiceplugin.impl.tenancy;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.api.spi.AdminAuthorizer;
import dev.voiceplugin.api.spi.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in tenancy {@code demo}, for the local run and tests only ({@code VOICE_DEMO_MODE=true} is
 * required): identity comes from the signed cookie that {@code POST /api/v1/demo/sign-in} sets.
 */
public final class DemoTenancy implements TenantResolver, AdminAuthorizer {

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public Optional<TenantId> resolveTenant(HttpServletRequest request) {
    return DemoSession.fromRequest(request).flatMap(s -> TenantId.parse(s.tenant()));
  }

  @Override
  public Optional<String> resolveUser(HttpServletRequest request) {
    return DemoSession.fromRequest(request).map(DemoSession::user);
  }

  @Override
  public boolean mayAdminister(HttpServletRequest request, TenantId tenant) {
    return DemoSession.fromRequest(request).filter(s -> s.tenant().equals(tenant.value())).map(DemoSession::admin).orElse(false);
  }

  @Override
  public void init(Map<String, String> settings) {
    // Nothing to configure: the cookie key is per process.
  }
}
