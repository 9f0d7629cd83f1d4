package dev.voiceplugin.impl.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The two billed figures of a GPT-Live session, read from its sideband events. */
final class LiveUsage {
  /** The backend model when the provider's Responses event names none: priced by no table, so no estimate is shown. */
  static final String UNNAMED_BACKEND = "unnamed-backend-model";

  private LiveUsage() {}

  /**
   * {@code usage.seconds} is the session's billed time so far (cumulative: the newest figure
   * replaces the last). The split into active and standby time is not part of the documented usage
   * object; {@code standby_seconds} is read if the provider ever sends it, and without it every
   * second counts as active, so a cost estimate errs high rather than low.
   */
  static Optional<UsageEvent> seconds(JsonNode usage) {
    JsonNode seconds = usage.path("seconds");
    if (!seconds.isNumber() || seconds.asDouble() < 0) {
      return Optional.empty();
    }
    double standby = Math.max(0, Math.min(seconds.asDouble(), usage.path("standby_seconds").asDouble(0)));
    return Optional.of(new UsageEvent(UsageEvent.LIVE_SECONDS, 0, 0, 0, 0, 0, 0, 0, 0, seconds.asDouble(), standby, null));
  }

  /**
   * A delegated Responses request bills tokens at its backend model. The provider wraps the
   * Responses stream in {@code response.event}; its final {@code response.completed} (or a failed or
   * incomplete end) carries {@code response.usage} in the Responses API's shape.
   */
  static Optional<UsageEvent> delegatedTokens(JsonNode inner) {
    String type = inner.path("type").asText("");
    if (!type.equals("response.completed") && !type.equals("response.incomplete") && !type.equals("response.failed")
        && !type.equals("response.done")) {
      return Optional.empty();
    }
    JsonNode response = inner.path("response");
    JsonNode usage = response.path("usage");
    String id = response.path("id").asText("");
    if (!usage.isObject() || id.isEmpty()) {
      return Optional.empty();
    }
    long in = usage.path("input_tokens").asLong();
    long out = usage.path("output_tokens").asLong();
    long cached = Math.min(in, usage.path("input_tokens_details").path("cached_tokens").asLong());
    // Stored and looked up in the price table: only a plain model name, never whatever the provider sent.
    String named = response.path("model").asText("");
    String model = dev.voiceplugin.impl.settings.ModelNames.isSafe(named) ? named : UNNAMED_BACKEND;
    return Optional.of(new UsageEvent("response:" + id, in, out, in, 0, cached, out, 0, 0, 0, 0, model));
  }
}
