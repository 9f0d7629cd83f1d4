package dev.voiceplugin.impl;

import java.util.Map;
import java.util.Objects;

/**
 * The one unchecked exception root of the plugin. Each subclass names a failure; the web layer
 * turns every one into an {@code application/problem+json} response with {@link #code()} and
 * {@link #hint()}. Messages must never contain secrets: they may reach a browser.
 */
public class VoicePluginException extends RuntimeException {
  private final int status;
  private final String code;
  private final String hint;
  private final Map<String, Object> extensions;

  public VoicePluginException(int status, String code, String detail, String hint) {
    this(status, code, detail, hint, Map.of(), null);
  }

  public VoicePluginException(
      int status, String code, String detail, String hint, Map<String, Object> extensions, Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.hint = Objects.requireNonNull(hint, "hint");
    this.extensions = Map.copyOf(extensions);
  }

  /** The HTTP status this failure is answered with. */
  public int status() {
    return status;
  }

  /** Stable, machine-readable code; documented in the README's troubleshooting table. */
  public String code() {
    return code;
  }

  /** What a person can do about it. */
  public String hint() {
    return hint;
  }

  /**
   * Whether the place that raised this already logs it (once per change of state), so the web layer
   * must not log every request that meets it: an outage must not become one line per request.
   */
  public boolean loggedWhereRaised() {
    return false;
  }

  /** Extra members of the problem document (e.g. {@code errors}). */
  public Map<String, Object> extensions() {
    return extensions;
  }
}
