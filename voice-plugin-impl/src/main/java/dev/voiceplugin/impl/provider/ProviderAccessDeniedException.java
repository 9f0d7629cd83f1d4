package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/** The credentials are valid but may not do this (upstream 403, answered with 502). */
public final class ProviderAccessDeniedException extends ProviderException {
  ProviderAccessDeniedException(Upstream upstream, String model) {
    super(502, "provider_access_denied",
        upstream.displayName() + " denied access to '" + model + "' (HTTP 403).",
        "The key may not use this model, or the server calls from an unsupported country, region or territory; "
            + "check the project's model permissions and where the server runs.",
        OptionalInt.of(403));
  }
}
