package dev.voiceplugin.impl.provider.live;

import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.Upstream;
import java.util.OptionalInt;

/** GPT-Live has no such model, or the Azure resource no such GPT-Live deployment (answered with 502). */
public final class LiveModelNotFoundException extends ProviderException {
  LiveModelNotFoundException(Upstream upstream, String model, int upstreamStatus) {
    super(502, "live_model_not_found",
        upstream == Upstream.AZURE_OPENAI
            ? "Azure OpenAI has no GPT-Live deployment named '" + model + "' (HTTP " + upstreamStatus + ")."
            : "GPT-Live has no model named '" + model + "' for this key (HTTP " + upstreamStatus + ").",
        upstream == Upstream.AZURE_OPENAI
            ? "Set the name of the resource's GPT-Live deployment as the model in the voice settings."
            : "Set a GPT-Live model such as gpt-live-1 or gpt-live-1.1 in the voice settings; Realtime models such as "
                + "gpt-realtime do not work with GPT-Live.",
        OptionalInt.of(upstreamStatus));
  }
}
