package dev.voiceplugin.impl.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The billed part of one provider event: {@code response.done} (its {@code response.usage}) or an
 * input transcription's {@code usage} (tokens or seconds). {@code key} is the provider's id of the
 * event's subject, which makes recording idempotent.
 */
public record UsageEvent(String key, long inputTokens, long outputTokens, long inputText, long inputAudio, long inputCached,
    long outputText, long outputAudio, double transcriptionSeconds) {

  public long totalTokens() {
    return inputTokens + outputTokens;
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
    return Optional.empty();
  }
}
