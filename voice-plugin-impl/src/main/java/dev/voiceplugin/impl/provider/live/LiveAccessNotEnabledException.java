package dev.voiceplugin.impl.provider.live;

import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.Upstream;
import java.util.OptionalInt;

/**
 * The key is valid but may not use GPT-Live: its project is not enrolled (GPT-Live started as a
 * limited-access alpha), or the Azure resource offers no GPT-Live (upstream 403, or 404 at the
 * sessions endpoint itself; answered with 502).
 */
public final class LiveAccessNotEnabledException extends ProviderException {
  LiveAccessNotEnabledException(Upstream upstream, int upstreamStatus) {
    super(502, "live_access_not_enabled",
        upstream.displayName() + " did not let this key create GPT-Live sessions (HTTP " + upstreamStatus + ").",
        upstream == Upstream.AZURE_OPENAI
            ? "Check that the resource offers GPT-Live (a preview, not in every region) and that the key or Entra ID app "
                + "may use it; or switch the provider back to Azure OpenAI (Realtime API) in the voice settings."
            : "GPT-Live must be enabled for the key's project at OpenAI (it started as limited access); ask OpenAI to "
                + "enable it, or switch the provider back to OpenAI (Realtime API) in the voice settings.",
        OptionalInt.of(upstreamStatus));
  }
}
