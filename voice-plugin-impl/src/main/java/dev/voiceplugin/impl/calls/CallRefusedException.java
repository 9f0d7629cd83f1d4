package dev.voiceplugin.impl.calls;

import dev.voiceplugin.impl.VoicePluginException;
import java.util.Map;

/** A new call that the tenant's caps or mode do not allow; each reason has its own code. */
public final class CallRefusedException extends VoicePluginException {
  private final String reason;

  private CallRefusedException(int status, String code, String detail, String hint, Map<String, Object> extensions) {
    super(status, code, detail, hint, extensions, null);
    this.reason = code;
  }

  public String reason() {
    return reason;
  }

  static CallRefusedException concurrency(int cap) {
    return new CallRefusedException(429, "call_limit_reached", "Your organisation already has " + cap
        + " voice calls running, the most it allows at once.", "Wait for a call to end, or ask an administrator to end one "
        + "or raise the limit in the voice settings.", Map.of("retryAfterSeconds", 30L, "maxConcurrentCalls", cap));
  }

  static CallRefusedException budget(long budget) {
    return new CallRefusedException(429, "usage_budget_exhausted", "Your organisation has used this month's voice budget of "
        + budget + " tokens.", "An administrator can raise the monthly token budget in the voice settings; it renews on the "
        + "first of the month (UTC).", Map.of("monthlyTokenBudget", budget));
  }

  static CallRefusedException browserMode() {
    return new CallRefusedException(409, "connection_mode_browser", "Your organisation's voice sessions connect from the browser, "
        + "not through the platform.", "Start the session with a client secret (POST /api/v1/realtime-session); the widget "
        + "does this by itself.", Map.of());
  }

  static CallRefusedException notFound() {
    return new CallRefusedException(404, "call_not_found", "There is no such call.",
        "Check the call id; calls of other organisations are not visible.", Map.of());
  }

  static CallRefusedException sidebandUnavailable() {
    return new CallRefusedException(502, "sideband_unavailable", "The provider created the call but the platform could not "
        + "attach to it, so it was ended.", "Try again in a moment.", Map.of());
  }
}
