package dev.voiceplugin.impl.settings;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which Azure OpenAI hosts a tenant may point the plugin at ({@code VOICE_AZURE_ENDPOINT_HOSTS}).
 * Without it, a tenant admin could name any https host and have the server send it the platform's
 * Azure key or Entra ID token.
 *
 * @param patterns exact host names, or {@code *.suffix} for any subdomain of suffix
 */
public record AzureEndpointPolicy(List<String> patterns) {
  public static final AzureEndpointPolicy DEFAULT =
      new AzureEndpointPolicy(List.of("*.openai.azure.com", "*.cognitiveservices.azure.com"));

  public AzureEndpointPolicy {
    patterns = patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
  }

  public boolean allows(String endpoint) {
    String host;
    try {
      host = URI.create(endpoint).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return patterns.stream().anyMatch(p -> p.startsWith("*.") ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1 : h.equals(p));
  }
}
