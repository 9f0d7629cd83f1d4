package dev.voiceplugin.impl.testing.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;

/**
 * Server events shaped as GPT-Live sends them (server-controls reference §4.7; openai-java 4.95.0
 * {@code models/live}), for {@link FakeCall#push(String)} and the browser's fake peer.
 */
public final class FakeLiveEvents {
  private FakeLiveEvents() {}

  /** The first event of a session: the resolved configuration, its id and its deadline. */
  public static String sessionStarted(String sessionId, String model, String voice) {
    ObjectNode event = event("session.started");
    ObjectNode session = event.putObject("session").put("id", sessionId).put("model", model)
        .put("expires_at", System.currentTimeMillis() / 1000 + 3600).put("status", "active");
    session.putObject("audio").putObject("output").put("voice", voice);
    return event.toString();
  }

  /** The session's billed seconds so far (cumulative). */
  public static String usageUpdated(double seconds) {
    ObjectNode event = event("session.usage.updated");
    event.putObject("usage").put("seconds", seconds);
    event.putObject("context_window").put("usage_ratio", 0.01);
    return event.toString();
  }

  public static String inputTranscriptDelta(String delta, int startMs, int endMs) {
    return event("session.input_transcript.delta").put("delta", delta).put("start_ms", startMs).put("end_ms", endMs).toString();
  }

  public static String outputTranscriptDelta(String delta, int startMs, int endMs) {
    return event("session.output_transcript.delta").put("delta", delta).put("start_ms", startMs).put("end_ms", endMs).toString();
  }

  /** The end of a session, with its final usage; {@code reason} close_requested, expired, content, remote_hangup or connection_lost. */
  public static String sessionClosed(String reason, double seconds) {
    ObjectNode event = event("session.closed").put("reason", reason);
    event.putObject("session").put("status", "active");
    event.putObject("usage").put("seconds", seconds);
    return event.toString();
  }

  /** A delegated Responses request finished: its {@code response.completed}, wrapped, with the backend's usage. */
  public static String delegatedResponseCompleted(String responseId, String model, int inputTokens, int outputTokens) {
    ObjectNode event = event("response.event").put("delegation_id", "del_" + responseId);
    ObjectNode inner = event.putObject("event").put("type", "response.completed").put("sequence_number", 9);
    ObjectNode response = inner.putObject("response").put("id", responseId).put("object", "response").put("model", model)
        .put("status", "completed");
    ObjectNode usage = response.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens)
        .put("total_tokens", inputTokens + outputTokens);
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    return event.toString();
  }

  /** GPT-Live's in-session error event. */
  public static String error(String type, String code, String message, String clientEventId) {
    ObjectNode event = event("error");
    ObjectNode error = event.putObject("error").put("type", type).put("code", code).put("message", message);
    if (clientEventId != null) {
      error.put("client_event_id", clientEventId);
    }
    return event.toString();
  }

  private static ObjectNode event(String type) {
    return Json.mapper().createObjectNode().put("type", type).put("event_id", "event_" + FakeRoutes.random(6));
  }
}
