package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.impl.provider.ClientSecretMinter;
import dev.voiceplugin.impl.provider.MintedClientSecret;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.ProviderKeyRejectedException;
import dev.voiceplugin.impl.provider.ProviderModelNotFoundException;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the four steps for one set of settings, stopping at the first failure. OpenAI's model
 * answer settles the model step; Azure's data plane cannot look up a deployment, so there the
 * mint request settles it (a 404 fails the model step, a success passes both).
 */
final class ProviderChecks {
  private static final List<String> ORDER =
      List.of(DiagnosticStep.CONFIGURATION, DiagnosticStep.KEY, DiagnosticStep.MODEL, DiagnosticStep.MINT);

  private final ClientSecretMinter minter;

  ProviderChecks(ClientSecretMinter minter) {
    this.minter = minter;
  }

  DiagnosticsReport run(RealtimeSettings settings, long version, Supplier<KeyChoice> keys, SafetyIdentifier user) {
    Map<String, DiagnosticStep> steps = new LinkedHashMap<>();
    long started = System.nanoTime();
    ConfigurationStep.Result configuration = ConfigurationStep.check(settings, keys, minter.entraIdConfigured());
    steps.put(DiagnosticStep.CONFIGURATION, configuration.step().timedFrom(started));
    configuration.credential().ifPresent(credential -> {
      if (checkKey(settings, credential, steps)) {
        if (settings.provider().live()) {
          noMintForLive(settings, steps);
        } else {
          mint(settings, credential, user, steps);
        }
      }
    });
    return report(settings, version, steps);
  }

  /** Steps 2 and (at OpenAI) 3; true when the mint should be tried. */
  private boolean checkKey(RealtimeSettings settings, ProviderCredential credential, Map<String, DiagnosticStep> steps) {
    boolean azure = settings.provider().onAzure();
    String provider = azure ? "Azure OpenAI" : "OpenAI";
    String title = title(DiagnosticStep.KEY, settings);
    String accepted = provider + " accepted the " + (credential instanceof ProviderCredential.EntraId
        ? "Microsoft Entra ID token." : "API key.");
    long started = System.nanoTime();
    try {
      minter.lookUpModel(settings, credential);
    } catch (ProviderModelNotFoundException e) {
      steps.put(DiagnosticStep.KEY, DiagnosticStep.passed(DiagnosticStep.KEY, title, accepted).timedFrom(started));
      steps.put(DiagnosticStep.MODEL, DiagnosticStep.failed(DiagnosticStep.MODEL, title(DiagnosticStep.MODEL, settings), e));
      return false;
    } catch (ProviderKeyRejectedException e) {
      // The minter knows only "an API key"; name the one that was used (the tenant's or the platform's).
      steps.put(DiagnosticStep.KEY, DiagnosticStep.failed(DiagnosticStep.KEY, title, e.forCredential(credential))
          .timedFrom(started));
      return false;
    } catch (ProviderException e) {
      steps.put(DiagnosticStep.KEY, DiagnosticStep.failed(DiagnosticStep.KEY, title, e).timedFrom(started));
      return false;
    }
    steps.put(DiagnosticStep.KEY, DiagnosticStep.passed(DiagnosticStep.KEY, title, accepted).timedFrom(started));
    if (!azure) {
      steps.put(DiagnosticStep.MODEL, settings.provider().live() ? liveModel(settings.model()) : openAiModel(settings.model()));
    }
    return true;
  }

  private static DiagnosticStep liveModel(String model) {
    String offered = "OpenAI offers the model '" + model + "' to this key.";
    return model.startsWith("gpt-live")
        ? DiagnosticStep.passed(DiagnosticStep.MODEL, "Model", offered)
        : DiagnosticStep.warning(DiagnosticStep.MODEL, "Model", "model_not_live",
            offered + " Its name does not mark it as a GPT-Live model, though.",
            "GPT-Live sessions need a GPT-Live model such as gpt-live-1 or gpt-live-1.1; a call shows whether this one is accepted.");
  }

  /**
   * GPT-Live has no session keys to mint, and a session needs the browser's SDP offer (and bills at
   * least 15 s), so the last step is not run; on Azure nothing then confirms the deployment either.
   */
  private static void noMintForLive(RealtimeSettings settings, Map<String, DiagnosticStep> steps) {
    if (settings.provider().onAzure()) {
      steps.put(DiagnosticStep.MODEL, DiagnosticStep.warning(DiagnosticStep.MODEL, title(DiagnosticStep.MODEL, settings),
          "deployment_not_confirmed", "Azure OpenAI lists models, not deployments, and GPT-Live has no session key to try, "
              + "so the deployment '" + settings.model() + "' is confirmed only when a call starts.",
          "Check in the Azure AI Foundry portal that a GPT-Live model is deployed under the name '" + settings.model() + "'."));
    }
    steps.put(DiagnosticStep.MINT, new DiagnosticStep(DiagnosticStep.MINT, title(DiagnosticStep.MINT, settings),
        StepOutcome.SKIPPED, null, "Not run: GPT-Live gives browsers no session keys; the plugin server creates each session "
            + "when a call starts.", null, 0));
  }

  private static DiagnosticStep openAiModel(String model) {
    String offered = "OpenAI offers the model '" + model + "' to this key.";
    // Every Realtime model so far says so in its name; a chat model would only fail at the mint.
    return model.contains("realtime")
        ? DiagnosticStep.passed(DiagnosticStep.MODEL, "Model", offered)
        : DiagnosticStep.warning(DiagnosticStep.MODEL, "Model", "model_not_realtime",
            offered + " Its name does not mark it as a Realtime model, though.",
            "Voice sessions need a Realtime model such as gpt-realtime or gpt-realtime-mini; the session key step "
                + "shows whether this one is accepted.");
  }

  private void mint(RealtimeSettings settings, ProviderCredential credential, SafetyIdentifier user,
      Map<String, DiagnosticStep> steps) {
    boolean azure = settings.provider().onAzure();
    String title = title(DiagnosticStep.MINT, settings);
    String modelTitle = title(DiagnosticStep.MODEL, settings);
    long started = System.nanoTime();
    try {
      MintedClientSecret minted = minter.mint(settings, credential, user);
      if (azure) {
        steps.put(DiagnosticStep.MODEL, DiagnosticStep.passed(DiagnosticStep.MODEL, modelTitle,
            "Azure OpenAI has a deployment named '" + settings.model() + "': it answered the session key request."));
      }
      // The secret is dropped here: it never leaves this method, and is never logged.
      steps.put(DiagnosticStep.MINT, DiagnosticStep.passed(DiagnosticStep.MINT, title,
          "A session key (client secret) was minted and thrown away unused; it would have expired at "
              + minted.expiresAtInstant() + " (expires_at " + minted.expiresAt() + ").").timedFrom(started));
    } catch (ProviderModelNotFoundException e) {
      steps.put(DiagnosticStep.MODEL, DiagnosticStep.failed(DiagnosticStep.MODEL, modelTitle, e).timedFrom(started));
    } catch (ProviderException thrown) {
      ProviderException e = thrown instanceof ProviderKeyRejectedException rejected ? rejected.forCredential(credential) : thrown;
      if (azure) {
        steps.put(DiagnosticStep.MODEL, DiagnosticStep.warning(DiagnosticStep.MODEL, modelTitle,
            "deployment_not_confirmed",
            "Azure OpenAI lists models, not deployments, so the deployment '" + settings.model()
                + "' could only be confirmed by the session key request, which failed.",
            "Check in the Azure AI Foundry portal that a Realtime model is deployed under the name '"
                + settings.model() + "'."));
      }
      steps.put(DiagnosticStep.MINT, DiagnosticStep.failed(DiagnosticStep.MINT, title, e).timedFrom(started));
    }
  }

  private static String title(String id, RealtimeSettings settings) {
    boolean azure = settings.provider().onAzure();
    return switch (id) {
      case DiagnosticStep.CONFIGURATION -> ConfigurationStep.TITLE;
      case DiagnosticStep.KEY -> ProviderCredential.usesApiKey(settings) ? "API key" : "Microsoft Entra ID token";
      case DiagnosticStep.MODEL -> azure ? "Deployment" : "Model";
      default -> "Session key";
    };
  }

  private static DiagnosticsReport report(RealtimeSettings settings, long version, Map<String, DiagnosticStep> ran) {
    List<DiagnosticStep> steps = new ArrayList<>();
    for (String id : ORDER) {
      steps.add(ran.containsKey(id) ? ran.get(id) : DiagnosticStep.skipped(id, title(id, settings)));
    }
    boolean ok = steps.stream().noneMatch(s -> s.outcome() == StepOutcome.FAILED);
    return new DiagnosticsReport(settings.provider().wire(), settings.model(), version, steps, ok);
  }
}
