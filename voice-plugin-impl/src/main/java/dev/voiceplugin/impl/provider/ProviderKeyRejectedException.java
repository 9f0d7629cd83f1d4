package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/** The provider (or Entra ID) did not accept the credentials: upstream 401, answered with 502. */
public final class ProviderKeyRejectedException extends ProviderException {
  private ProviderKeyRejectedException(String detail, String hint, int upstreamStatus) {
    super(502, "provider_key_rejected", detail, hint, OptionalInt.of(upstreamStatus));
  }

  /** OpenAI or Azure OpenAI refused the tenant's API key. */
  static ProviderKeyRejectedException apiKey(Upstream upstream, int upstreamStatus) {
    return new ProviderKeyRejectedException(
        upstream.displayName() + " rejected the API key (HTTP " + upstreamStatus + ").",
        upstream == Upstream.AZURE_OPENAI
            ? "Check the tenant's Azure OpenAI key and that the endpoint is the resource the key belongs to."
            : "Check the tenant's OpenAI API key in the voice settings; it may be mistyped, revoked or for another organization.",
        upstreamStatus);
  }

  /** Azure OpenAI refused the Entra ID access token. */
  static ProviderKeyRejectedException entraToken(int upstreamStatus) {
    return new ProviderKeyRejectedException(
        "Azure OpenAI rejected the Microsoft Entra ID token (HTTP " + upstreamStatus + ").",
        "Give the app registration AZURE_CLIENT_ID the 'Cognitive Services OpenAI User' role on the Azure OpenAI resource.",
        upstreamStatus);
  }

  /** Entra ID refused the plugin's client credentials when asked for a token. */
  static ProviderKeyRejectedException entraClient(int upstreamStatus, String entraErrorCode) {
    return new ProviderKeyRejectedException(
        "Microsoft Entra ID refused the client credentials (HTTP " + upstreamStatus
            + (entraErrorCode.isEmpty() ? "" : ", " + entraErrorCode) + ").",
        "Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; the client secret may have expired.",
        upstreamStatus);
  }
}
