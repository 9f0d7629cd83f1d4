package dev.voiceplugin.impl.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;
import java.util.Set;

/**
 * The relay's reading of one provider event: its type, whether the supervisor needs it (usage,
 * the confirmed session), the audio it carries, and the text to forward: the provider's own,
 * except that a session echo loses the tenant's instructions and tools, which never reach the
 * browser through the relay.
 */
record ServerEvents(String type, JsonNode event, String forward) {
  private static final String AUDIO_DELTA = "response.output_audio.delta";
  // Usage, the confirmed session, and the whole lines a stored transcript is made of (#13).
  private static final Set<String> FOR_SUPERVISOR = Set.of("response.done",
      "conversation.item.input_audio_transcription.completed", "session.updated", "response.output_audio_transcript.done",
      "response.output_text.done", "conversation.item.truncated");
  private static final Set<String> HIDDEN_SESSION_FIELDS = Set.of("instructions", "tools", "tool_choice", "prompt");

  /**
   * Null when the text is not a JSON object with a type (it is then dropped, not forwarded). The
   * {@code event} tree is null for an audio delta read by the fast path: nothing needs it.
   */
  static ServerEvents read(String text, AudioLedger ledger) {
    AudioFrames.Delta audio = AudioFrames.outputDelta(text);
    if (audio != null) {
      // Nearly every provider message: no tree (no one reads it), counted and forwarded as it came.
      ledger.forwarded(audio.itemId(), audio.base64Chars(), audio.padding());
      return new ServerEvents(AUDIO_DELTA, null, text);
    }
    JsonNode event;
    try {
      event = Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (event == null || !event.isObject() || !event.path("type").isTextual()) {
      return null;
    }
    String type = event.get("type").asText();
    String forward = text;
    if (AUDIO_DELTA.equals(type) && event.path("delta").isTextual()) {
      String delta = event.get("delta").asText();
      int padding = delta.endsWith("==") ? 2 : delta.endsWith("=") ? 1 : 0;
      ledger.forwarded(event.path("item_id").asText(""), delta.length(), padding);
    } else if (("session.created".equals(type) || "session.updated".equals(type)) && event.path("session").isObject()) {
      ObjectNode redacted = event.deepCopy();
      ((ObjectNode) redacted.get("session")).remove(HIDDEN_SESSION_FIELDS);
      forward = redacted.toString();
    }
    return new ServerEvents(type, event, forward);
  }

  boolean forSupervisor() {
    return FOR_SUPERVISOR.contains(type);
  }

  /** The provider's error code of an {@code error} event, if it names one. */
  String errorCode() {
    return event == null ? "" : event.path("error").path("code").asText("");
  }
}
