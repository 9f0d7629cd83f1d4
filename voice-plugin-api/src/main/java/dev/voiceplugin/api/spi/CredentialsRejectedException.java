package dev.voiceplugin.api.spi;

import java.util.Objects;

/**
 * Thrown by a {@link TenantResolver} when the request carries credentials that must be refused
 * (a token with a bad signature, expired, for another audience...), as opposed to carrying none,
 * which is answered by returning empty. The plugin answers 401 with {@link #code()} and
 * {@link #hint()}; the message must not contain the credentials.
 */
public class CredentialsRejectedException extends RuntimeException {
  private final String code;
  private final String hint;

  /**
   * @param code stable, machine-readable, e.g. {@code token_expired}
   * @param message what is wrong, for people; never the token itself
   * @param hint what the caller can do about it
   */
  public CredentialsRejectedException(String code, String message, String hint) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.hint = Objects.requireNonNull(hint, "hint");
  }

  public String code() {
    return code;
  }

  public String hint() {
    return hint;
  }
}
