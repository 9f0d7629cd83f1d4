package dev.voiceplugin.impl.calls;

/** Why a call ended, as stored and shown to the widget and admins. */
public enum EndReason {
  DURATION_CAP("duration_cap"),
  ENDED_BY_ADMIN("ended_by_admin"),
  ENDED_BY_USER("ended_by_user"),
  PROVIDER_CLOSED("provider_closed"),
  BUDGET_EXHAUSTED("budget_exhausted"),
  CREATE_FAILED("create_failed"),
  /** The browser closed the relay socket (Stop, a closed tab, a lost network). */
  BROWSER_CLOSED("browser_closed"),
  /** The relay broke the rules (flood, a browser that stopped reading, bad frames) and was closed. */
  RELAY_POLICY("relay_policy"),
  /** The instance that held the call stopped and nothing could re-attach it (a relay, or a call still being created). */
  INSTANCE_LOST("instance_lost");

  private final String wire;

  EndReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
