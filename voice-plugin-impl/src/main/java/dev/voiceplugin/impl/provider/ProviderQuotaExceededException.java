package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/** The provider account has run out of quota or credit (upstream 429 insufficient_quota, answered with 503). */
public final class ProviderQuotaExceededException extends ProviderException {
  ProviderQuotaExceededException(Upstream upstream) {
    super(503, "provider_quota_exceeded",
        upstream.displayName() + " reports that the account's quota is used up (HTTP 429 insufficient_quota).",
        "Check the billing, credit and usage limits of the provider account; retrying will not help until then.",
        OptionalInt.of(429));
  }
}
