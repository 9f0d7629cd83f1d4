package dev.voiceplugin.impl.calls;

/** Why a call ended, as stored and shown to the widget and admins. */
public enum EndReason {
  DURATION_CAP("duration_cap"),
  ENDED_BY_ADMIN("ended_by_admin"),
  ENDED_BY_USER("ended_by_user"),
  PROVIDER_CLOSED("provider_closed"),
  BUDGET_EXHAUSTED("budget_exhausted"),
  CREATE_FAILED("create_failed");

  private final String wire;

  EndReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
