package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/** The provider has no such model or Azure deployment (upstream 404, answered with 502). */
public final class ProviderModelNotFoundException extends ProviderException {
  ProviderModelNotFoundException(Upstream upstream, String model, int upstreamStatus) {
    super(502, "provider_model_not_found",
        upstream == Upstream.AZURE_OPENAI
            ? "Azure OpenAI has no deployment named '" + model + "' (HTTP " + upstreamStatus + ")."
            : "OpenAI has no model named '" + model + "' available to this key (HTTP " + upstreamStatus + ").",
        upstream == Upstream.AZURE_OPENAI
            ? "Deploy a realtime model under the name '" + model + "' on the resource, or set the deployment name "
                + "in the voice settings; also check that the endpoint is right."
            : "Set a Realtime model such as gpt-realtime in the voice settings, and check that the project may use it.",
        OptionalInt.of(upstreamStatus));
  }
}
