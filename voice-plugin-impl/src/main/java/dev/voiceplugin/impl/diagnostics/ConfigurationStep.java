package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.provider.EntraTokenSource;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.session.PlatformKeys;
import dev.voiceplugin.impl.session.ProviderNotConfiguredForTenantException;
import dev.voiceplugin.impl.settings.ModelNames;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Step 1, without any network call: which credential sessions would use, whether there is one at
 * all, and whether an Azure endpoint looks like an Azure OpenAI resource.
 */
final class ConfigurationStep {
  static final String TITLE = "Configuration";
  /** Azure OpenAI resources (and AI Foundry ones) answer at these host names. */
  private static final Pattern AZURE_HOST =
      Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,62})\\.(?:openai\\.azure\\.com|cognitiveservices\\.azure\\.com)");

  /** The step and, unless it failed, the credential the later steps use. */
  record Result(DiagnosticStep step, Optional<ProviderCredential> credential) {}

  private ConfigurationStep() {}

  static Result check(RealtimeSettings settings, Supplier<KeyChoice> keys, boolean entraConfigured) {
    boolean azure = settings.provider().onAzure();
    if (!ModelNames.isSafe(settings.model())) {
      // Saved before the grammar was enforced: it must not reach a URL path (GET /v1/models/{model}).
      return failed(DiagnosticStep.failed(DiagnosticStep.CONFIGURATION, TITLE, "invalid_model",
          "The saved " + (azure ? "deployment" : "model") + " name is not a valid name.",
          "Enter the " + (azure ? "deployment" : "model") + " name again (letters, digits and . _ : -) and save."));
    }
    KeyChoice choice;
    try {
      choice = keys.get();
    } catch (VoicePluginException e) { // e.g. a stored key that the master keys cannot decrypt
      return failed(DiagnosticStep.failed(DiagnosticStep.CONFIGURATION, TITLE, e));
    } catch (IllegalArgumentException e) {
      return failed(DiagnosticStep.failed(DiagnosticStep.CONFIGURATION, TITLE, "provider_not_configured",
          "The API key that would be used has spaces or other characters that no API key has.",
          "Enter the key again on this screen, copied without spaces or line breaks; if you have not saved one, "
              + "the platform's key is used: ask the platform team to check it."));
    }
    if (choice.source() == KeyChoice.Source.NONE) {
      return failed(DiagnosticStep.failed(DiagnosticStep.CONFIGURATION, TITLE, new ProviderNotConfiguredForTenantException(
          azure ? "Azure OpenAI" : "OpenAI", platformSetting(settings.provider()))));
    }
    if (choice.source() == KeyChoice.Source.ENTRA_ID && !entraConfigured) {
      org.slf4j.LoggerFactory.getLogger(ConfigurationStep.class).warn("A tenant's Azure settings use Entra ID, but {}, {} "
          + "and {} are not all set.", EntraTokenSource.TENANT_ID, EntraTokenSource.CLIENT_ID, EntraTokenSource.CLIENT_SECRET);
      return failed(DiagnosticStep.failed(DiagnosticStep.CONFIGURATION, TITLE, "provider_not_configured",
          "The tenant's Azure settings use Microsoft Entra ID, but the plugin has no Entra ID app registration configured.",
          "Ask the platform team to set up the plugin's Microsoft Entra ID app registration, or switch the Azure "
              + "authentication to API key and save a key."));
    }
    String summary = (azure
        ? "Azure OpenAI at " + settings.azure().baseUrl() + ", deployment '" + settings.model() + "'"
        : "OpenAI, model '" + settings.model() + "'") + ", with " + choice.describe() + ".";
    Optional<String> endpointProblem = azure ? azureEndpointProblem(settings.azure().baseUrl()) : Optional.empty();
    DiagnosticStep step = endpointProblem
        .map(problem -> DiagnosticStep.warning(DiagnosticStep.CONFIGURATION, TITLE, "azure_endpoint_unusual",
            summary + " " + problem,
            "Copy the endpoint from the resource's 'Keys and Endpoint' page (https://<resource>.openai.azure.com); "
                + "a gateway or custom domain works only if it passes /openai/v1/ through unchanged."))
        .orElseGet(() -> DiagnosticStep.passed(DiagnosticStep.CONFIGURATION, TITLE, summary));
    return new Result(step, choice.credential());
  }

  /** Why {@code endpoint} does not look like an Azure OpenAI resource, if it does not. */
  static Optional<String> azureEndpointProblem(String endpoint) {
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      return Optional.of("The endpoint is not a URL.");
    }
    if (!"https".equals(uri.getScheme())) {
      return Optional.of("The endpoint does not use https.");
    }
    if (uri.getHost() == null || !AZURE_HOST.matcher(uri.getHost()).matches()) {
      return Optional.of("The endpoint's host does not look like an Azure OpenAI resource "
          + "(<name>.openai.azure.com or <name>.cognitiveservices.azure.com).");
    }
    if (uri.getPort() != -1 && uri.getPort() != 443) {
      return Optional.of("The endpoint names port " + uri.getPort() + "; Azure OpenAI answers on 443.");
    }
    return Optional.empty();
  }

  private static Result failed(DiagnosticStep step) {
    return new Result(step, Optional.empty());
  }

  private static String platformSetting(Provider provider) {
    return PlatformKeys.settingFor(provider);
  }
}
