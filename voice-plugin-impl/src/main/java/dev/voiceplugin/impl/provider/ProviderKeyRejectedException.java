package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.provider.ProviderCredential.Source;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider (or Entra ID) did not accept the credentials: upstream 401, answered with 502. The
 * hint is for the tenant admin who sees it and speaks of what they can do; when the credential is
 * the platform's, the setting to fix is named in one WARN line for the platform team instead.
 */
public final class ProviderKeyRejectedException extends ProviderException {
  private static final Logger log = LoggerFactory.getLogger(ProviderKeyRejectedException.class);
  private final Upstream upstream;
  private final Source source;

  private ProviderKeyRejectedException(Upstream upstream, Source source, String detail, String hint, int upstreamStatus) {
    super(502, "provider_key_rejected", detail, hint, OptionalInt.of(upstreamStatus));
    this.upstream = upstream;
    this.source = source;
  }

  /** OpenAI or Azure OpenAI refused an API key; the hint depends on whose key it was. */
  static ProviderKeyRejectedException apiKey(Upstream upstream, int upstreamStatus, Source source) {
    String provider = upstream.displayName();
    if (source == Source.PLATFORM_KEY) {
      String setting = upstream == Upstream.AZURE_OPENAI ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY";
      log.warn("{} refused the platform's API key {} (HTTP {}), used for tenants without a key of their own; "
          + "replace it.", provider, setting, upstreamStatus);
      return new ProviderKeyRejectedException(upstream, source,
          provider + " refused the platform's API key (HTTP " + upstreamStatus + "); this tenant has no key of its own.",
          "The platform's " + provider + " key was refused by " + provider + "; ask the platform team, "
              + "or save your own key in the settings.",
          upstreamStatus);
    }
    return new ProviderKeyRejectedException(upstream, Source.TENANT_KEY,
        provider + " rejected the API key (HTTP " + upstreamStatus + ").",
        upstream == Upstream.AZURE_OPENAI
            ? "Check the tenant's Azure OpenAI key in the voice settings and that the endpoint is the resource the key belongs to."
            : "Check the tenant's OpenAI API key in the voice settings; it may be mistyped, revoked or for another organization.",
        upstreamStatus);
  }

  /** Azure OpenAI refused the Entra ID access token. */
  static ProviderKeyRejectedException entraToken(int upstreamStatus) {
    log.warn("Azure OpenAI refused the Entra ID token of the app registration AZURE_CLIENT_ID (HTTP {}); give it the "
        + "'Cognitive Services OpenAI User' role on the tenant's Azure OpenAI resource.", upstreamStatus);
    return new ProviderKeyRejectedException(Upstream.AZURE_OPENAI, Source.ENTRA_ID,
        "Azure OpenAI rejected the Microsoft Entra ID token (HTTP " + upstreamStatus + ").",
        "Ask the platform team to give the plugin's app registration the 'Cognitive Services OpenAI User' role on "
            + "your Azure OpenAI resource, or switch the Azure authentication to API key and save a key.",
        upstreamStatus);
  }

  /** Entra ID refused the plugin's client credentials when asked for a token. */
  static ProviderKeyRejectedException entraClient(int upstreamStatus, String entraErrorCode) {
    log.warn("Microsoft Entra ID refused the client credentials AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET "
        + "(HTTP {}{}); the client secret may have expired.", upstreamStatus, entraErrorCode.isEmpty() ? "" : ", " + entraErrorCode);
    return new ProviderKeyRejectedException(Upstream.AZURE_OPENAI, Source.ENTRA_ID,
        "Microsoft Entra ID refused the client credentials (HTTP " + upstreamStatus
            + (entraErrorCode.isEmpty() ? "" : ", " + entraErrorCode) + ").",
        "The plugin's Microsoft Entra ID sign-in is refused; ask the platform team to check it, or switch the Azure "
            + "authentication to API key and save a key.",
        upstreamStatus);
  }

  /**
   * This refusal as it should read for {@code credential}: callers that only know "API key" make a
   * tenant-key refusal, and whoever chose the credential re-aims it here when it was the platform's.
   */
  public ProviderKeyRejectedException forCredential(ProviderCredential credential) {
    if (credential.source() == source || source == Source.ENTRA_ID || credential.source() == Source.ENTRA_ID) {
      return this;
    }
    return apiKey(upstream, upstreamStatus().orElse(401), credential.source());
  }
}
