package dev.voiceplugin.impl.provider;

import java.util.Map;
import java.util.OptionalInt;

/** The connection to the provider was refused, reset or could not be made (answered with 502). */
public final class ProviderUnreachableException extends ProviderException {
  ProviderUnreachableException(Upstream upstream, String host, Throwable cause) {
    super(502, "provider_unreachable",
        upstream.displayName() + " could not be reached at " + host + " (connection refused, reset or closed).",
        "Check that the server can reach " + host + " (DNS, firewall, proxy) and that OPENAI_BASE_URL or the "
            + "Azure endpoint is right.",
        OptionalInt.empty(), Map.of(), cause);
  }
}
