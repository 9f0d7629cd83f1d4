package dev.voiceplugin.impl.provider;

import java.util.Map;
import java.util.OptionalInt;

/** The provider answered with something that is not valid HTTP or JSON (answered with 502). */
public final class ProviderBadResponseException extends ProviderException {
  ProviderBadResponseException(Upstream upstream, String what, OptionalInt upstreamStatus, Throwable cause) {
    super(502, "provider_bad_response",
        upstream.displayName() + " sent a response that could not be read: " + what + ".",
        "Check that OPENAI_BASE_URL or the Azure endpoint points at the provider itself, not at a proxy or "
            + "portal page; try again if it was a network glitch.",
        upstreamStatus, Map.of(), cause);
  }
}
