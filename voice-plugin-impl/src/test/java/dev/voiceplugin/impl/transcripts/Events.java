package dev.voiceplugin.impl.transcripts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;

/** The GA Realtime server events a transcript is made of, as the provider sends them. */
final class Events {
  private Events() {}

  static String userSaid(String itemId, String transcript) {
    return event("conversation.item.input_audio_transcription.completed").put("item_id", itemId).put("content_index", 0)
        .put("transcript", transcript).toString();
  }

  static String assistantSaid(String itemId, String transcript) {
    return event("response.output_audio_transcript.done").put("response_id", "resp_" + itemId).put("item_id", itemId)
        .put("output_index", 0).put("content_index", 0).put("transcript", transcript).toString();
  }

  static String assistantWrote(String itemId, String text) {
    return event("response.output_text.done").put("response_id", "resp_" + itemId).put("item_id", itemId)
        .put("output_index", 0).put("content_index", 0).put("text", text).toString();
  }

  static String truncated(String itemId) {
    return event("conversation.item.truncated").put("item_id", itemId).put("content_index", 0).put("audio_end_ms", 400)
        .toString();
  }

  /** A response.done with usage, to know every event pushed before it was handled once its usage shows. */
  static String usage(String responseId) {
    return dev.voiceplugin.impl.testing.fake.FakeEvents.responseDone(responseId, 10, 20, 0, 5, 7);
  }

  private static ObjectNode event(String type) {
    return Json.mapper().createObjectNode().put("type", type).put("event_id", "event_" + java.util.UUID.randomUUID());
  }
}
