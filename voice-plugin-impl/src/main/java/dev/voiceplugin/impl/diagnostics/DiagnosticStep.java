package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.impl.VoicePluginException;
import java.util.Objects;

/**
 * One step of a connection test as the settings screen shows it. Never holds a key or a secret:
 * details come from our own texts and from {@link VoicePluginException} messages, which are safe.
 *
 * @param id configuration, key, model or mint
 * @param code the mint's stable failure code for a failed step, a warning's own code, else null
 * @param hint what a person can do, or null when there is nothing to do
 * @param durationMs how long the step took; 0 when its answer came with another step's
 */
public record DiagnosticStep(
    String id, String title, StepOutcome outcome, String code, String detail, String hint, long durationMs) {

  public static final String CONFIGURATION = "configuration";
  public static final String KEY = "key";
  public static final String MODEL = "model";
  public static final String MINT = "mint";

  public DiagnosticStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    if (durationMs < 0) {
      throw new IllegalArgumentException("durationMs must not be negative");
    }
  }

  static DiagnosticStep passed(String id, String title, String detail) {
    return new DiagnosticStep(id, title, StepOutcome.PASSED, null, detail, null, 0);
  }

  static DiagnosticStep warning(String id, String title, String code, String detail, String hint) {
    return new DiagnosticStep(id, title, StepOutcome.WARNING, code, detail, hint, 0);
  }

  static DiagnosticStep failed(String id, String title, VoicePluginException failure) {
    return failed(id, title, failure.code(), failure.getMessage(), failure.hint());
  }

  static DiagnosticStep failed(String id, String title, String code, String detail, String hint) {
    return new DiagnosticStep(id, title, StepOutcome.FAILED, code, detail, hint, 0);
  }

  static DiagnosticStep skipped(String id, String title) {
    return new DiagnosticStep(id, title, StepOutcome.SKIPPED, null, "Not run, because an earlier step failed.", null, 0);
  }

  /** This step, timed from {@code startedNanos} ({@link System#nanoTime()}) until now. */
  DiagnosticStep timedFrom(long startedNanos) {
    return new DiagnosticStep(id, title, outcome, code, detail, hint, (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
