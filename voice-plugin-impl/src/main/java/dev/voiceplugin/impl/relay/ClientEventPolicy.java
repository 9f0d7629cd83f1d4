package dev.voiceplugin.impl.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;
import java.util.Iterator;
import java.util.Set;

/**
 * What a browser may send through the relay: an allow-list of GA Realtime client events, each with
 * only the fields it needs. The tenant's session is the plugin's: a browser {@code session.update}
 * may change turn detection (push-to-talk) and nothing else, a {@code response.create} carries no
 * per-response overrides (they could replace the instructions), and a created item is the user's
 * own typed text. A refused event is answered with an {@code error} event and not forwarded; the
 * socket stays open.
 */
final class ClientEventPolicy {
  /** The outcome for one browser message. */
  sealed interface Verdict permits Forward, Refuse, Invalid {}

  /** Forward {@code text} to the provider (the browser's own text when it needed no change). */
  record Forward(String text) implements Verdict {}

  /** Answer the browser with {@code errorEvent}; forward nothing. */
  record Refuse(String errorEvent) implements Verdict {}

  /** Not a JSON object with a string {@code type}: the socket is closed 4400. */
  record Invalid() implements Verdict {}

  static final String NOT_ALLOWED = "relay_event_not_allowed";
  private static final int MAX_TYPED_CHARS = 4096;
  /** How much of the browser's own type or event_id a refusal repeats: a refusal must stay small whatever it answers. */
  private static final int MAX_ECHOED_CHARS = 64;
  /**
   * Refuses a repeated key at any depth: the tree would keep the last value while the text goes on
   * as it came, and a provider that keeps the first would read what the policy never judged.
   */
  private static final com.fasterxml.jackson.databind.ObjectReader STRICT =
      Json.mapper().reader().with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private ClientEventPolicy() {}

  static Verdict inspect(String text, AudioLedger ledger) {
    if (AudioFrames.isPlainAppend(text)) {
      // Nearly every browser message: allowed as it is, without building its tree.
      return new Forward(text);
    }
    JsonNode event;
    try {
      event = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      return new Invalid();
    }
    if (event == null || !event.isObject() || !event.path("type").isTextual()) {
      return new Invalid();
    }
    String type = clip(event.get("type").asText());
    String problem = switch (type) {
      case "input_audio_buffer.append" -> onlyFields(event, Set.of("type", "event_id", "audio"))
          ? (event.path("audio").isTextual() ? null : "audio must be a base64 string") : "only type, event_id and audio are allowed";
      case "input_audio_buffer.commit", "input_audio_buffer.clear", "response.create" ->
          onlyFields(event, Set.of("type", "event_id")) ? null : type + " may carry only type and event_id through the relay";
      case "response.cancel" -> onlyFields(event, Set.of("type", "event_id", "response_id")) ? null
          : "only type, event_id and response_id are allowed";
      case "conversation.item.truncate" -> truncateProblem(event);
      case "conversation.item.create" -> typedTextProblem(event);
      case "session.update" -> sessionUpdateProblem(event);
      default -> "the relay does not forward " + type + " events";
    };
    if (problem != null) {
      return new Refuse(error(event, type + ": " + problem));
    }
    if ("conversation.item.truncate".equals(type)) {
      return new Forward(clampedTruncate((ObjectNode) event, ledger));
    }
    return new Forward(text);
  }

  private static String truncateProblem(JsonNode event) {
    if (!onlyFields(event, Set.of("type", "event_id", "item_id", "content_index", "audio_end_ms"))) {
      return "only item_id, content_index and audio_end_ms are allowed";
    }
    if (!event.path("item_id").isTextual() || !event.path("audio_end_ms").canConvertToInt()
        || event.path("audio_end_ms").asInt() < 0 || !event.path("audio_end_ms").isIntegralNumber()) {
      return "item_id (string) and audio_end_ms (integer >= 0) are required";
    }
    return event.path("content_index").asInt(0) == 0 ? null : "content_index must be 0";
  }

  /** Never more than the relay forwarded of the item: the provider refuses a truncate past the end. */
  private static String clampedTruncate(ObjectNode event, AudioLedger ledger) {
    long forwarded = ledger.forwardedMs(event.get("item_id").asText());
    event.put("audio_end_ms", Math.min(event.get("audio_end_ms").asLong(), forwarded));
    event.put("content_index", 0);
    return event.toString();
  }

  private static String typedTextProblem(JsonNode event) {
    JsonNode item = event.path("item");
    if (!onlyFields(event, Set.of("type", "event_id", "item")) || !onlyFields(item, Set.of("type", "role", "content"))
        || !"message".equals(item.path("type").asText()) || !"user".equals(item.path("role").asText())) {
      return "only a user message with input_text is allowed";
    }
    JsonNode content = item.path("content");
    if (!content.isArray() || content.size() != 1) {
      return "the message must have exactly one input_text part";
    }
    JsonNode part = content.get(0);
    if (!onlyFields(part, Set.of("type", "text")) || !"input_text".equals(part.path("type").asText())
        || !part.path("text").isTextual()) {
      return "the message must have exactly one input_text part";
    }
    return part.path("text").asText().length() <= MAX_TYPED_CHARS ? null
        : "typed text is limited to " + MAX_TYPED_CHARS + " characters";
  }

  private static String sessionUpdateProblem(JsonNode event) {
    JsonNode session = event.path("session");
    if (!onlyFields(event, Set.of("type", "event_id", "session")) || !session.isObject()) {
      return "a session object is required";
    }
    for (Iterator<String> names = session.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if ("type".equals(name) && "realtime".equals(session.get(name).asText())) {
        continue;
      }
      if (!"audio".equals(name)) {
        return "the browser may not change session." + name + " (the tenant's settings decide it)";
      }
    }
    JsonNode audio = session.path("audio");
    if (audio.isMissingNode()) {
      return null;
    }
    if (!onlyFields(audio, Set.of("input")) || !onlyFields(audio.path("input"), Set.of("turn_detection"))) {
      return "the browser may change only session.audio.input.turn_detection";
    }
    JsonNode turn = audio.path("input").path("turn_detection");
    return turn.isNull() || turn.isObject() || turn.isMissingNode() ? null : "turn_detection must be an object or null";
  }

  private static boolean onlyFields(JsonNode node, Set<String> allowed) {
    if (!node.isObject()) {
      return false;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      if (!allowed.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private static String error(JsonNode event, String message) {
    ObjectNode error = Json.mapper().createObjectNode().put("type", "error");
    ObjectNode body = error.putObject("error").put("type", "invalid_request_error").put("code", NOT_ALLOWED)
        .put("message", message);
    if (event.path("event_id").isTextual() && event.get("event_id").asText().length() <= MAX_ECHOED_CHARS) {
      body.put("event_id", event.get("event_id").asText());
    }
    return error.toString();
  }

  private static String clip(String browsers) {
    return browsers.length() <= MAX_ECHOED_CHARS ? browsers : browsers.substring(0, MAX_ECHOED_CHARS) + "…";
  }
}
