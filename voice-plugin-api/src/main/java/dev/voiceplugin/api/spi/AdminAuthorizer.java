package dev.voiceplugin.api.spi;

import dev.voiceplugin.api.TenantId;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides whether the signed-in user may administer a tenant's voice assistant (read and change
 * its settings, read its audit) and whether they may start voice sessions for it.
 *
 * <p>Found with {@link java.util.ServiceLoader} like {@link TenantResolver} and selected with the
 * {@code VOICE_AUTHORIZER} setting (default: the same name as the tenant resolver). Called
 * concurrently; must be thread-safe. It is only asked after the tenant was resolved, and the
 * tenant passed in is the one the request acts for, never one the client picked.
 */
public interface AdminAuthorizer extends NamedProvider {



  /** True when the request's user may administer {@code tenant}. */
  boolean mayAdminister(HttpServletRequest request, TenantId tenant);

  /**
   * True when the request's user may mint a voice session for {@code tenant}. The default allows
   * exactly the administrators; override it (or set {@code VOICE_SESSION_ROLE}) to let other users
   * talk to the assistant.
   */
  default boolean mayStartSession(HttpServletRequest request, TenantId tenant) {
    return mayAdminister(request, tenant);
  }
}
