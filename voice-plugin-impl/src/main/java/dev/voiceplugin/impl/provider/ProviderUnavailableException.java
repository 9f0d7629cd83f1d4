package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/** The provider had a server error (upstream 5xx, answered with 502). */
public final class ProviderUnavailableException extends ProviderException {
  ProviderUnavailableException(Upstream upstream, int upstreamStatus) {
    super(502, "provider_unavailable",
        upstream.displayName() + " had a server error (HTTP " + upstreamStatus + ").",
        "Try again in a moment; if it persists, check the provider's status page.",
        OptionalInt.of(upstreamStatus));
  }
}
