package dev.voiceplugin.impl.testing.fake;

/**
 * Server events shaped as the GA Realtime API sends them (server-controls reference §2.2, §2.4), for
 * {@link FakeCall#push(String)}.
 */
public final class FakeEvents {
  private FakeEvents() {}

  public static String sessionUpdated(String instructions) {
    return "{\"type\":\"session.updated\",\"event_id\":\"event_su1\",\"session\":{\"type\":\"realtime\","
        + "\"object\":\"realtime.session\",\"id\":\"sess_fake\",\"model\":\"gpt-realtime\",\"instructions\":"
        + quote(instructions) + "}}";
  }

  /** {@code response.done} with a usage object whose cached tokens are a subset of the input tokens. */
  public static String responseDone(String responseId, int inputText, int inputAudio, int cachedText, int outputText,
      int outputAudio) {
    int input = inputText + inputAudio;
    int output = outputText + outputAudio;
    return "{\"type\":\"response.done\",\"event_id\":\"event_rd_" + responseId + "\",\"response\":{\"object\":\"realtime.response\","
        + "\"id\":\"" + responseId + "\",\"status\":\"completed\",\"status_details\":null,\"output\":[],"
        + "\"usage\":{\"total_tokens\":" + (input + output) + ",\"input_tokens\":" + input + ",\"output_tokens\":" + output
        + ",\"input_token_details\":{\"cached_tokens\":" + cachedText + ",\"text_tokens\":" + inputText + ",\"image_tokens\":0,"
        + "\"audio_tokens\":" + inputAudio + ",\"cached_tokens_details\":{\"text_tokens\":" + cachedText
        + ",\"image_tokens\":0,\"audio_tokens\":0}},\"output_token_details\":{\"text_tokens\":" + outputText
        + ",\"audio_tokens\":" + outputAudio + "}}}}";
  }

  /** Input transcription with token usage (billed apart from the response). */
  public static String transcriptionCompleted(String itemId, String transcript, int audioTokens, int outputTokens) {
    return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"event_tc_" + itemId + "\","
        + "\"item_id\":\"" + itemId + "\",\"content_index\":0,\"transcript\":" + quote(transcript) + ","
        + "\"usage\":{\"type\":\"tokens\",\"total_tokens\":" + (audioTokens + outputTokens) + ",\"input_tokens\":" + audioTokens
        + ",\"input_token_details\":{\"text_tokens\":0,\"audio_tokens\":" + audioTokens + "},\"output_tokens\":" + outputTokens + "}}";
  }

  /** Input transcription billed by duration. */
  public static String transcriptionCompletedByDuration(String itemId, String transcript, double seconds) {
    return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"event_tc_" + itemId + "\","
        + "\"item_id\":\"" + itemId + "\",\"content_index\":0,\"transcript\":" + quote(transcript) + ","
        + "\"usage\":{\"type\":\"duration\",\"seconds\":" + seconds + "}}";
  }

  /** The in-session error reported at the 60-minute cap (before the socket closes 1001). */
  public static String sessionExpired() {
    return "{\"type\":\"error\",\"event_id\":\"event_err\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"code\":\"session_expired\",\"message\":\"Your session hit the maximum duration of 60 minutes.\",\"param\":null}}";
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
