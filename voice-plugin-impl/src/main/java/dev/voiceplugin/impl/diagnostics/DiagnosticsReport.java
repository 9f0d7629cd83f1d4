package dev.voiceplugin.impl.diagnostics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code POST /api/v1/realtime-settings/diagnostics}: every step in order, the ones
 * after a failure skipped.
 *
 * @param provider openai or azure
 * @param model the model or, for Azure, the deployment name that was tested
 * @param settingsVersion the version of the saved settings that was tested (0 = platform defaults)
 * @param ok true when no step failed (warnings allowed)
 */
public record DiagnosticsReport(String provider, String model, long settingsVersion, List<DiagnosticStep> steps, boolean ok) {
  public DiagnosticsReport {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    steps = List.copyOf(steps);
  }

  /** The first failed step, if any. */
  public Optional<DiagnosticStep> failure() {
    return steps.stream().filter(s -> s.outcome() == StepOutcome.FAILED).findFirst();
  }
}
