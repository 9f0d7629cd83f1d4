package dev.voiceplugin.impl.diagnostics;

import com.fasterxml.jackson.annotation.JsonValue;

/** How one diagnostic step ended. Only {@link #FAILED} makes the report not ok. */
public enum StepOutcome {
  PASSED("passed"),
  /** The step ran and found something worth a look, but sessions may still work. */
  WARNING("warning"),
  FAILED("failed"),
  /** Not run, because an earlier step failed. */
  SKIPPED("skipped");

  private final String wire;

  StepOutcome(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }
}
