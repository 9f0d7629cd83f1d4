package dev.voiceplugin.impl.provider;

import java.util.Map;
import java.util.OptionalInt;

/** The connection to the provider was refused, reset or could not be made (answered with 502). */
public final class ProviderUnreachableException extends ProviderException {
  ProviderUnreachableException(Upstream upstream, String host, Throwable cause) {
    super(502, "provider_unreachable",
        upstream.displayName() + " could not be reached at " + host + " (connection refused, reset or closed).",
        upstream == Upstream.AZURE_OPENAI
            ? "Check the Azure endpoint in the voice settings; if it is right, ask the platform team whether the server can reach " + host + "."
            : "Try again; if it keeps happening, ask the platform team whether the server can reach " + host + ".",
        OptionalInt.empty(), Map.of(), cause);
  }
}
