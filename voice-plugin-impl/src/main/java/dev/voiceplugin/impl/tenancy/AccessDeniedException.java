package dev.voiceplugin.impl.tenancy;

import dev.voiceplugin.impl.VoicePluginException;

/** The caller is not signed in, has no tenant, or may not do this for their tenant (401/403). */
public final class AccessDeniedException extends VoicePluginException {
  /** The challenge of a 401 when the tenancy names none: sign-in is the host's, usually a session cookie. */
  public static final String DEFAULT_CHALLENGE = "Session realm=\"voice-plugin\"";
  private final String challenge;

  private AccessDeniedException(int status, String code, String detail, String hint, String challenge) {
    super(status, code, detail, hint);
    this.challenge = challenge;
  }

  private AccessDeniedException(int status, String code, String detail, String hint) {
    this(status, code, detail, hint, null);
  }

  /** @param challenge the WWW-Authenticate value of the 401 (RFC 9110 requires one), e.g. {@code Bearer realm="voice-plugin"} */
  public static AccessDeniedException notSignedIn(String challenge) {
    return new AccessDeniedException(401, "not_signed_in", "You are not signed in.",
        "Sign in to the platform's admin panel and try again.", java.util.Objects.requireNonNull(challenge, "challenge"));
  }

  /** The WWW-Authenticate challenge of a 401, if this is one. */
  public java.util.Optional<String> challenge() {
    return java.util.Optional.ofNullable(challenge);
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
