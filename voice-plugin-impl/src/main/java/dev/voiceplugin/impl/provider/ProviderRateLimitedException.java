package dev.voiceplugin.impl.provider;

import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The provider is rate limiting this key (upstream 429, answered with 429 and its Retry-After). */
public final class ProviderRateLimitedException extends ProviderException {
  ProviderRateLimitedException(Upstream upstream, OptionalLong retryAfterSeconds) {
    super(429, "provider_rate_limited",
        upstream.displayName() + " is rate limiting requests (HTTP 429).",
        retryAfterSeconds.isPresent()
            ? "Wait " + retryAfterSeconds.getAsLong() + " seconds and try again."
            : "Wait a moment and try again; if it keeps happening, raise the provider's rate limits.",
        OptionalInt.of(429),
        retryAfterSeconds.isPresent() ? Map.of("retryAfterSeconds", retryAfterSeconds.getAsLong()) : Map.of(),
        null);
  }

  /** Seconds the provider asked us to wait, when it said. */
  public OptionalLong retryAfterSeconds() {
    return extensions().get("retryAfterSeconds") instanceof Long seconds ? OptionalLong.of(seconds) : OptionalLong.empty();
  }
}
