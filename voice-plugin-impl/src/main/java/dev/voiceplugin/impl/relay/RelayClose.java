package dev.voiceplugin.impl.relay;

import dev.voiceplugin.impl.calls.EndReason;

/**
 * How the relay closes a browser's socket. A browser cannot read the HTTP status of a refused
 * upgrade (it sees 1006), so every refusal happens after the upgrade, as a close code in the
 * application range with the stable problem code as its reason; the widget maps both to a hint.
 */
public enum RelayClose {
  ENDED(1000, "ended", EndReason.PROVIDER_CLOSED),
  BINARY_NOT_SUPPORTED(1003, "binary_not_supported", EndReason.RELAY_POLICY),
  MESSAGE_TOO_BIG(1009, "message_too_big", EndReason.RELAY_POLICY),
  INVALID_EVENT(4400, "invalid_event", EndReason.RELAY_POLICY),
  TICKET_INVALID(4401, "relay_ticket_invalid", null),
  BUDGET_EXHAUSTED(4402, "usage_budget_exhausted", EndReason.BUDGET_EXHAUSTED),
  ORIGIN_FORBIDDEN(4403, "relay_origin_forbidden", null),
  SESSION_TIMEOUT(4408, "relay_session_timeout", EndReason.PROVIDER_CLOSED),
  CALL_LIMIT(4409, "call_limit_reached", null),
  DURATION_CAP(4410, "call_duration_cap", EndReason.DURATION_CAP),
  ENDED_BY_ADMIN(4411, "ended_by_admin", EndReason.ENDED_BY_ADMIN),
  FLOOD(4429, "relay_flood", EndReason.RELAY_POLICY),
  SLOW_CONSUMER(4430, "relay_slow_consumer", EndReason.RELAY_POLICY),
  /** The provider refused or dropped the session; the reason is then the provider problem's code. */
  PROVIDER(4502, "provider_error", EndReason.PROVIDER_CLOSED),
  UNAVAILABLE(4503, "relay_unavailable", EndReason.INSTANCE_LOST);

  private final int code;
  private final String reason;
  private final EndReason endReason;

  RelayClose(int code, String reason, EndReason endReason) {
    this.code = code;
    this.reason = reason;
    this.endReason = endReason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** How the call is stored when the relay closes this way (null: refused before a call existed). */
  EndReason endReason() {
    return endReason;
  }

  /** The browser's close for a call the supervisor ended (cap, budget, an admin, the provider). */
  static RelayClose forEnd(EndReason reason) {
    return switch (reason) {
      case DURATION_CAP -> DURATION_CAP;
      case BUDGET_EXHAUSTED -> BUDGET_EXHAUSTED;
      case ENDED_BY_ADMIN -> ENDED_BY_ADMIN;
      case INSTANCE_LOST -> UNAVAILABLE;
      default -> ENDED;
    };
  }
}
