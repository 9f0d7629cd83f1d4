package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/** The plugin lacks configuration this provider needs, such as Entra ID credentials (answered with 503). */
public final class ProviderNotConfiguredException extends ProviderException {
  ProviderNotConfiguredException(String detail, String hint) {
    super(503, "provider_not_configured", detail, hint, OptionalInt.empty());
  }
}
