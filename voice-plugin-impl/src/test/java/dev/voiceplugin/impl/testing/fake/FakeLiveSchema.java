package dev.voiceplugin.impl.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * GPT-Live's create request, held to its published shape (Live OpenAPI of 2026-09,
 * {@code LiveCreateRequest} and what it references; server-controls reference §4.3-4.4): every
 * object refuses unknown fields, as the reference says the Live API does. Problems are named by
 * their dotted path, as the provider's {@code error.param} names them.
 */
final class FakeLiveSchema {
  static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "beacon", "bossa", "cedar", "cinder", "coral", "delta", "echo",
      "gleam", "marin", "meridian", "quartz", "ripple", "sage", "shimmer", "stone", "tempo", "verse", "vesper", "willow");
  private static final String EVENT_TYPE = "(?:error|info|[a-z][a-z0-9_-]*(?:\\.[a-z0-9_-]+)+)";

  /** One problem: the parameter and what is wrong with it. */
  record Problem(String param, String code, String message) {}

  private final List<Problem> problems = new ArrayList<>();

  private FakeLiveSchema() {}

  static List<Problem> check(JsonNode body) {
    FakeLiveSchema schema = new FakeLiveSchema();
    schema.request(body);
    return schema.problems;
  }

  private void request(JsonNode body) {
    if (!object(body, "", Set.of("session", "transport"), Set.of("session", "transport"))) {
      return;
    }
    JsonNode transport = body.get("transport");
    if (object(transport, "transport", Set.of("type", "sdp"), Set.of("type", "sdp"))) {
      if (!"webrtc".equals(transport.path("type").asText())) {
        problem("transport.type", "invalid_value", "must be webrtc");
      }
      if (!transport.path("sdp").isTextual() || transport.path("sdp").asText().isEmpty()) {
        problem("transport.sdp", "invalid_value", "must be a non-empty string");
      }
    }
    session(body.get("session"));
  }

  private void session(JsonNode s) {
    if (!object(s, "session", Set.of("model", "instructions", "audio", "delegation", "store", "input", "client"), Set.of("model"))) {
      return;
    }
    if (!s.get("model").isTextual() || s.get("model").asText().isEmpty()) {
      problem("session.model", "invalid_type", "must be a non-empty string");
    }
    if (s.has("instructions") && !s.get("instructions").isTextual() && !s.get("instructions").isNull()) {
      problem("session.instructions", "invalid_type", "must be a string or null");
    }
    if (s.has("store") && !s.get("store").isBoolean()) {
      problem("session.store", "invalid_type", "must be a boolean");
    }
    if (s.has("input") && (!s.get("input").isArray() || s.get("input").size() > 128)) {
      problem("session.input", "invalid_value", "must be an array of at most 128 messages");
    }
    if (s.has("audio") && object(s.get("audio"), "session.audio", Set.of("output"), Set.of())) {
      JsonNode output = s.get("audio").get("output");
      if (output != null && object(output, "session.audio.output", Set.of("voice"), Set.of()) && output.has("voice")) {
        JsonNode voice = output.get("voice");
        if (voice.isObject()) {
          if (object(voice, "session.audio.output.voice", Set.of("id"), Set.of("id"))
              && (!voice.get("id").isTextual() || voice.get("id").asText().isEmpty() || voice.get("id").asText().length() > 128)) {
            problem("session.audio.output.voice.id", "invalid_value", "must be 1 to 128 characters");
          }
        } else if (!voice.isTextual()) {
          problem("session.audio.output.voice", "invalid_type", "must be a voice name or {id}");
        }
      }
    }
    if (s.has("delegation") && !s.get("delegation").isNull()) {
      delegation(s.get("delegation"));
    }
    if (s.has("client") && object(s.get("client"), "session.client", Set.of("data_channel"), Set.of("data_channel"))) {
      dataChannel(s.get("client").get("data_channel"));
    }
  }

  private void delegation(JsonNode d) {
    String type = d.path("type").asText("");
    if (type.equals("client")) {
      object(d, "session.delegation", Set.of("type", "acknowledgement_delay_ms"), Set.of("type"));
      return;
    }
    if (!type.equals("responses")) {
      problem("session.delegation.type", "invalid_value", "must be client or responses");
      return;
    }
    if (!object(d, "session.delegation", Set.of("type", "responses"), Set.of("type", "responses"))) {
      return;
    }
    JsonNode r = d.get("responses");
    if (!object(r, "session.delegation.responses", Set.of("model", "instructions", "max_output_tokens", "service_tier", "reasoning",
        "text", "tools", "tool_choice", "parallel_tool_calls"), Set.of("model"))) {
      return;
    }
    if (!r.get("model").isTextual()) {
      problem("session.delegation.responses.model", "invalid_type", "must be a string");
    }
    if (r.has("tools")) {
      JsonNode tools = r.get("tools");
      for (int i = 0; tools.isArray() && i < tools.size(); i++) {
        String at = "session.delegation.responses.tools[" + i + "]";
        String tool = tools.get(i).path("type").asText("");
        if (tool.equals("web_search")) {
          object(tools.get(i), at, Set.of("type"), Set.of("type"));
        } else if (tool.equals("function")) {
          object(tools.get(i), at, Set.of("type", "name", "description", "parameters", "strict"), Set.of("type", "name"));
        } else {
          problem(at + ".type", "invalid_value", "must be function or web_search");
        }
      }
    }
  }

  private void dataChannel(JsonNode dc) {
    if (!object(dc, "session.client.data_channel", Set.of("allowed_client_events", "allowed_server_events"), Set.of())) {
      return;
    }
    JsonNode client = dc.get("allowed_client_events");
    if (client != null && !"all".equals(client.asText(null))) {
      if (!client.isArray() || client.size() > 256) {
        problem("session.client.data_channel.allowed_client_events", "invalid_type", "must be \"all\" or at most 256 event types");
      } else {
        for (int i = 0; i < client.size(); i++) {
          if (!client.get(i).isTextual() || !client.get(i).asText().matches(EVENT_TYPE)) {
            problem("session.client.data_channel.allowed_client_events[" + i + "]", "invalid_value", "is not an event type");
          }
        }
      }
    }
    JsonNode server = dc.get("allowed_server_events");
    if (server != null && !"all".equals(server.asText(null))) {
      if (!server.isArray() || server.size() > 256) {
        problem("session.client.data_channel.allowed_server_events", "invalid_type", "must be \"all\" or at most 256 selectors");
        return;
      }
      for (int i = 0; i < server.size(); i++) {
        String at = "session.client.data_channel.allowed_server_events[" + i + "]";
        JsonNode selector = server.get(i);
        if (object(selector, at, Set.of("type", "response_event"), Set.of("type"))
            && selector.get("type").asText().equals("response.event") != selector.has("response_event")) {
          problem(at + ".response_event", "invalid_value", "is required for response.event and forbidden otherwise");
        }
      }
    }
  }

  /** Whether {@code node} is an object with only {@code allowed} fields and all {@code required} ones. */
  private boolean object(JsonNode node, String at, Set<String> allowed, Set<String> required) {
    if (node == null || !node.isObject()) {
      problem(at.isEmpty() ? "body" : at, "invalid_type", "must be an object");
      return false;
    }
    boolean ok = true;
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problem(at.isEmpty() ? name : at + "." + name, "unknown_parameter", "Unknown parameter");
        ok = false;
      }
    }
    for (String name : required) {
      if (!node.has(name)) {
        problem(at.isEmpty() ? name : at + "." + name, "missing_required_parameter", "Missing required parameter");
        ok = false;
      }
    }
    return ok;
  }

  private void problem(String param, String code, String message) {
    problems.add(new Problem(param, code, message));
  }
}
