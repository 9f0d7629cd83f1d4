package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.impl.provider.ProviderCredential;
import java.util.Objects;
import java.util.Optional;

/**
 * Which credential a tenant's sessions use, and how to name it on screen without showing it. The
 * key itself is only inside {@link ProviderCredential.ApiKey}, whose {@code toString} hides it.
 *
 * @param last4 the last four characters of the tenant's own key (the settings screen shows them
 *     anyway); never set for the platform's key, which tenants have no business knowing about
 */
record KeyChoice(Source source, Optional<ProviderCredential> credential, Optional<String> last4) {
  enum Source { TENANT_KEY, PLATFORM_KEY, ENTRA_ID, NONE }

  KeyChoice {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(last4, "last4");
  }

  /** @throws IllegalArgumentException when {@code key} cannot be a key (spaces, control characters) */
  static KeyChoice tenantKey(String key) {
    return new KeyChoice(Source.TENANT_KEY, Optional.of(ProviderCredential.tenantKey(key)),
        Optional.of(key.substring(Math.max(0, key.length() - 4))));
  }

  /** @throws IllegalArgumentException when {@code key} cannot be a key (spaces, control characters) */
  static KeyChoice platformKey(String key) {
    return new KeyChoice(Source.PLATFORM_KEY, Optional.of(ProviderCredential.platformKey(key)), Optional.empty());
  }

  static KeyChoice entraId() {
    return new KeyChoice(Source.ENTRA_ID, Optional.of(ProviderCredential.entraId()), Optional.empty());
  }

  static KeyChoice none() {
    return new KeyChoice(Source.NONE, Optional.empty(), Optional.empty());
  }

  /** "the tenant's own API key (ending in 9xQz)" and the like, to follow "with". */
  String describe() {
    return switch (source) {
      case TENANT_KEY -> "the tenant's own API key" + last4.map(l -> " (ending in " + l + ")").orElse("");
      case PLATFORM_KEY -> "the platform's API key, as this tenant has not saved one of its own";
      case ENTRA_ID -> "the plugin's Microsoft Entra ID app registration";
      case NONE -> "no API key";
    };
  }
}
