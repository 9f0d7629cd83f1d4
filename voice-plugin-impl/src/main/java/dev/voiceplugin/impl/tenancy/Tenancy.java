package dev.voiceplugin.impl.tenancy;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.api.spi.AdminAuthorizer;
import dev.voiceplugin.api.spi.TenantResolver;
import dev.voiceplugin.impl.config.InvalidConfigurationException;
import dev.voiceplugin.impl.config.Setting;
import dev.voiceplugin.impl.config.VoiceConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Answers "who is calling, for which tenant, and may they?" for every request, using the
 * configured {@link TenantResolver} and {@link AdminAuthorizer}. The tenant always comes from
 * here, never from a path or body the client chose.
 */
public final class Tenancy {
  private static final String CALLER_ATTRIBUTE = Tenancy.class.getName() + ".caller";
  private final TenantResolver resolver;
  private final AdminAuthorizer authorizer;

  public Tenancy(TenantResolver resolver, AdminAuthorizer authorizer) {
    this.resolver = resolver;
    this.authorizer = authorizer;
  }

  /** Loads the configured providers through ServiceLoader and initialises them. */
  public static Tenancy fromConfig(VoiceConfig config, ClassLoader loader) {
    String tenancyName = config.require(Setting.TENANCY);
    String authorizerName = config.get(Setting.AUTHORIZER).orElse(tenancyName);
    if (("demo".equals(tenancyName) || "demo".equals(authorizerName)) && !config.getBoolean(Setting.DEMO_MODE)) {
      throw new InvalidConfigurationException(Setting.TENANCY,
          "is demo, which is only allowed with VOICE_DEMO_MODE=true (the local run); use container or your own provider");
    }
    TenantResolver resolver = Providers.load(TenantResolver.class, tenancyName, TenantResolver::name, loader);
    // One class usually implements both under one name: use one instance (one cache, one init).
    AdminAuthorizer authorizer = authorizerName.equals(tenancyName) && resolver instanceof AdminAuthorizer both
        ? both : Providers.load(AdminAuthorizer.class, authorizerName, AdminAuthorizer::name, loader);
    resolver.init(config.asMap());
    if (authorizer != resolver) {
      authorizer.init(config.asMap());
    }
    return new Tenancy(resolver, authorizer);
  }

  /** The caller, who must administer their tenant; otherwise 401/403. */
  public Caller requireAdmin(HttpServletRequest request) {
    Caller caller = requireCaller(request);
    if (!authorizer.mayAdminister(request, caller.tenant())) {
      throw AccessDeniedException.notAdmin();
    }
    return caller;
  }

  /** The caller, who must be allowed to start voice sessions for their tenant; otherwise 401/403. */
  public Caller requireSessionUser(HttpServletRequest request) {
    Caller caller = requireCaller(request);
    if (!authorizer.mayStartSession(request, caller.tenant())) {
      throw AccessDeniedException.mayNotStartSession();
    }
    return caller;
  }

  /** The signed-in caller with a tenant; no permission check. Resolved once per request. */
  public Caller requireCaller(HttpServletRequest request) {
    if (request.getAttribute(CALLER_ATTRIBUTE) instanceof Caller known) {
      return known;
    }
    Caller caller = resolveCaller(request);
    request.setAttribute(CALLER_ATTRIBUTE, caller);
    return caller;
  }

  private Caller resolveCaller(HttpServletRequest request) {
    String user = resolver.resolveUser(request).filter(u -> !u.isBlank())
        .orElseThrow(() -> AccessDeniedException.notSignedIn(challenge()));
    TenantId tenant = resolver.resolveTenant(request).orElseThrow(AccessDeniedException::noTenant);
    return new Caller(tenant, user.length() > 256 ? user.substring(0, 256) : user);
  }

  /** What a 401 asks for: a bearer token with jwt tenancy, else the host's own sign-in (a session). */
  private String challenge() {
    return "jwt".equals(resolver.name()) ? "Bearer realm=\"voice-plugin\"" : AccessDeniedException.DEFAULT_CHALLENGE;
  }

  public boolean mayAdminister(HttpServletRequest request, TenantId tenant) {
    return authorizer.mayAdminister(request, tenant);
  }

  public boolean mayStartSession(HttpServletRequest request, TenantId tenant) {
    return authorizer.mayStartSession(request, tenant);
  }

  public Optional<String> resolverName() {
    return Optional.of(resolver.name());
  }
}
