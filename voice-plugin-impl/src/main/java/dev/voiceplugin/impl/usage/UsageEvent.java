package dev.voiceplugin.impl.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The billed part of one provider event. Realtime API: {@code response.done} (its {@code
 * response.usage}) or an input transcription's {@code usage} (tokens or seconds). GPT-Live: the
 * session seconds of {@code session.usage.updated} and {@code session.closed}, and the tokens of a
 * delegated Responses request, reported inside {@code response.event}. {@code key} is the
 * provider's id of the event's subject, which makes recording idempotent.
 *
 * @param sessionSeconds GPT-Live: the session's billed seconds so far (cumulative, see {@link #cumulative()})
 * @param standbySeconds GPT-Live: the part of {@code sessionSeconds} billed at the standby rate, where reported
 * @param model the model these tokens are billed at when it is not the call's own (a delegated backend model), else null
 */
public record UsageEvent(String key, long inputTokens, long outputTokens, long inputText, long inputAudio, long inputCached,
    long outputText, long outputAudio, double transcriptionSeconds, double sessionSeconds, double standbySeconds, String model) {

  /** The key of GPT-Live's cumulative seconds; the store adds the call's id (the events carry none). */
  public static final String LIVE_SECONDS = "live-seconds";

  /** A token or transcription event of the Realtime API. */
  public UsageEvent(String key, long inputTokens, long outputTokens, long inputText, long inputAudio, long inputCached,
      long outputText, long outputAudio, double transcriptionSeconds) {
    this(key, inputTokens, outputTokens, inputText, inputAudio, inputCached, outputText, outputAudio, transcriptionSeconds, 0, 0,
        null);
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Whether this is a running total that replaces the call's earlier figure instead of adding to it. */
  public boolean cumulative() {
    return LIVE_SECONDS.equals(key);
  }

  /** The usage an event carries, if it is one that bills. */
  public static Optional<UsageEvent> from(JsonNode event) {
    String type = event.path("type").asText("");
    if ("response.done".equals(type)) {
      JsonNode response = event.path("response");
      JsonNode usage = response.path("usage");
      String id = response.path("id").asText("");
      if (!usage.isObject() || id.isEmpty()) {
        return Optional.empty();
      }
      JsonNode in = usage.path("input_token_details");
      JsonNode out = usage.path("output_token_details");
      return Optional.of(new UsageEvent("response:" + id, usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
          in.path("text_tokens").asLong(), in.path("audio_tokens").asLong(), in.path("cached_tokens").asLong(),
          out.path("text_tokens").asLong(), out.path("audio_tokens").asLong(), 0));
    }
    if ("conversation.item.input_audio_transcription.completed".equals(type)) {
      JsonNode usage = event.path("usage");
      String item = event.path("item_id").asText("");
      if (!usage.isObject() || item.isEmpty()) {
        return Optional.empty();
      }
      String key = "transcription:" + item + ":" + event.path("content_index").asInt(0);
      if ("duration".equals(usage.path("type").asText())) {
        return Optional.of(new UsageEvent(key, 0, 0, 0, 0, 0, 0, 0, usage.path("seconds").asDouble()));
      }
      JsonNode in = usage.path("input_token_details");
      return Optional.of(new UsageEvent(key, usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
          in.path("text_tokens").asLong(), in.path("audio_tokens").asLong(), 0, usage.path("output_tokens").asLong(), 0, 0));
    }
    if ("session.usage.updated".equals(type) || "session.closed".equals(type)) {
      return LiveUsage.seconds(event.path("usage"));
    }
    if ("response.event".equals(type)) {
      return LiveUsage.delegatedTokens(event.path("event"));
    }
    return Optional.empty();
  }
}
