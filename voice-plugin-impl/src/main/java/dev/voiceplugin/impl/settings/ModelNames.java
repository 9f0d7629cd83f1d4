package dev.voiceplugin.impl.settings;

/**
 * The grammar of model and deployment names, which the connection test puts into a URL path
 * ({@code GET /v1/models/{model}}). OpenAI's names ({@code gpt-realtime-2025-08-28}, fine-tuned
 * {@code ft:gpt-4o-mini:acme:custom:abc123}) and Azure deployment names (letters, digits,
 * {@code _ . -}, up to 64) all fit; {@code ..} or a leading dot could walk the path instead.
 */
public final class ModelNames {
  /** Starts with a letter or digit, then up to 127 of letters, digits and {@code . _ : -}, never {@code ..}. */
  public static final String PATTERN = "(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
  static final String MESSAGE = "must be a model or deployment name: a letter or digit, then letters, digits and . _ : - "
      + "(no ..), at most 128 characters";

  private ModelNames() {}

  /** Whether {@code name} may be used as one URL path segment unchanged. */
  public static boolean isSafe(String name) {
    return name != null && name.matches(PATTERN);
  }
}
