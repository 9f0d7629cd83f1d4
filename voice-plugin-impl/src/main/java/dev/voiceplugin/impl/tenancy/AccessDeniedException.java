package dev.voiceplugin.impl.tenancy;

import dev.voiceplugin.impl.VoicePluginException;

/** The caller is not signed in, has no tenant, or may not do this for their tenant (401/403). */
public final class AccessDeniedException extends VoicePluginException {
  private AccessDeniedException(int status, String code, String detail, String hint) {
    super(status, code, detail, hint);
  }

  public static AccessDeniedException notSignedIn() {
    return new AccessDeniedException(401, "not_signed_in", "You are not signed in.",
        "Sign in to the platform's admin panel and try again.");
  }

  public static AccessDeniedException noTenant() {
    return new AccessDeniedException(403, "no_tenant", "Your request is not associated with any tenant.",
        "Open the voice assistant from within a tenant's admin panel; ask the platform team if this persists.");
  }

  public static AccessDeniedException notAdmin() {
    return new AccessDeniedException(403, "not_tenant_admin", "You may not administer this tenant's voice assistant.",
        "Ask an administrator of your tenant for the voice administrator role.");
  }

  public static AccessDeniedException mayNotStartSession() {
    return new AccessDeniedException(403, "session_not_allowed", "You may not start voice sessions for this tenant.",
        "Ask an administrator of your tenant for the role that may use the voice assistant.");
  }
}
