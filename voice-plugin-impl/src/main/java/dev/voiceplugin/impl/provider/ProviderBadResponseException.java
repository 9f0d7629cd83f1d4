package dev.voiceplugin.impl.provider;

import java.util.Map;
import java.util.OptionalInt;

/** The provider answered with something that is not valid HTTP or JSON (answered with 502). */
public final class ProviderBadResponseException extends ProviderException {
  ProviderBadResponseException(Upstream upstream, String what, OptionalInt upstreamStatus, Throwable cause) {
    super(502, "provider_bad_response",
        upstream.displayName() + " sent a response that could not be read: " + what + ".",
        upstream == Upstream.AZURE_OPENAI
            ? "Check that the Azure endpoint in the voice settings is the resource's own (https://<resource>.openai.azure.com), "
                + "not a portal page; try again if it was a network glitch."
            : "Try again; if it keeps happening, ask the platform team to check the server's OpenAI base URL.",
        upstreamStatus, Map.of(), cause);
  }
}
