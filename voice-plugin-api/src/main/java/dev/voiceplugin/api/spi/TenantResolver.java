package dev.voiceplugin.api.spi;

import dev.voiceplugin.api.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Tells the plugin which tenant an HTTP request acts for. Implemented by the host platform (or one
 * of the built-in implementations: {@code container}, {@code demo}).
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.voiceplugin.api.spi.TenantResolver} and select it with the
 * {@code VOICE_TENANCY} setting, which names {@link #name()}. One instance lives as long as the
 * plugin and is called concurrently from request threads, so it must be thread-safe.
 *
 * <p>Never trust a tenant id the browser chose freely: derive it from the authenticated session,
 * a signed token or a header set by a trusted proxy.
 */
public interface TenantResolver extends NamedProvider {



  /** The tenant of this request, or empty when the request carries none (answered with 401). */
  Optional<TenantId> resolveTenant(HttpServletRequest request);

  /**
   * The signed-in user's stable id, or empty when nobody is signed in. The default uses the
   * container's {@link HttpServletRequest#getUserPrincipal() principal}.
   */
  default Optional<String> resolveUser(HttpServletRequest request) {
    return Optional.ofNullable(request.getUserPrincipal()).map(java.security.Principal::getName);
  }
}
