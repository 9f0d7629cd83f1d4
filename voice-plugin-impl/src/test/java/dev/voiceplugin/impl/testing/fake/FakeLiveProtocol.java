package dev.voiceplugin.impl.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the fake's GPT-Live sideband answers client events (server-controls reference §4.7-4.8):
 * each type with exactly its fields, the ones a sideband may not send refused; {@code
 * session.close} ends the session with {@code session.closed} (final usage) and the socket.
 * Refusals are violations and are answered with GPT-Live's {@code error} event.
 */
final class FakeLiveProtocol {
  private static final Set<String> BASE = Set.of("type", "event_id");
  private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
      Map.entry("session.update", Set.of("session")),
      Map.entry("session.input_audio.mute", Set.of()),
      Map.entry("session.input_audio.unmute", Set.of()),
      Map.entry("session.instructions.append", Set.of("content", "delegation_id")),
      Map.entry("session.thinking.append", Set.of("content", "delegation_id")),
      Map.entry("session.commentary.append", Set.of("content", "delegation_id")),
      Map.entry("response.item.create", Set.of("item")),
      Map.entry("response.create", Set.of()),
      Map.entry("session.output_audio.fixture.play", Set.of("audio")),
      Map.entry("session.close", Set.of()));
  /** Required besides {@code type}; {@code delegation_id} is required but may be null. */
  private static final Map<String, Set<String>> REQUIRED = Map.of(
      "session.instructions.append", Set.of("content", "delegation_id"),
      "session.thinking.append", Set.of("content", "delegation_id"),
      "session.commentary.append", Set.of("content", "delegation_id"),
      "response.item.create", Set.of("item"),
      "session.update", Set.of("session"),
      "session.output_audio.fixture.play", Set.of("audio"));

  private FakeLiveProtocol() {}

  static void answer(FakeCall call, FakeSideband sideband, JsonNode event, Consumer<String> violations) {
    String type = event.get("type").asText();
    String problem = problem(type, event);
    if (problem != null) {
      violations.accept("GPT-Live sideband of " + call.id() + ": " + problem);
      sideband.sendLater(FakeLiveEvents.error("invalid_request_error", "invalid_event", problem, event.path("event_id").asText(null)));
      return;
    }
    switch (type) {
      case "session.close" -> {
        if (call.markClosed("close_requested")) {
          sideband.closeWith(FakeLiveEvents.sessionClosed("close_requested", call.billedSeconds()));
        }
      }
      case "session.input_audio.mute" -> sideband.sendLater(ack("session.input_audio.muted"));
      case "session.input_audio.unmute" -> sideband.sendLater(ack("session.input_audio.unmuted"));
      case "session.instructions.append", "session.thinking.append", "session.commentary.append" ->
          sideband.sendLater(ack(type.replace(".append", ".appended")));
      default -> { }
    }
  }

  private static String problem(String type, JsonNode event) {
    if (type.equals("session.start") || type.equals("session.input_audio.append") || type.equals("session.reconnect")) {
      return type + " is not accepted on a sideband";
    }
    Set<String> fields = FIELDS.get(type);
    if (fields == null) {
      return "unknown client event type " + type;
    }
    for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!BASE.contains(name) && !fields.contains(name)) {
        return type + " has no field " + name;
      }
    }
    for (String name : REQUIRED.getOrDefault(type, Set.of())) {
      if (!event.has(name)) {
        return type + " needs " + name + (name.equals("delegation_id") ? " (null for general context)" : "");
      }
    }
    if (event.has("content") && (!event.get("content").isTextual() || event.get("content").asText().isBlank())) {
      return type + ": content must be a non-blank string";
    }
    if (type.equals("session.update")) {
      for (Iterator<String> names = event.get("session").fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("delegation") && !name.equals("triggers")) {
          return "session.update can change only delegation (and triggers); " + name + " is immutable";
        }
      }
    }
    return null;
  }

  private static String ack(String type) {
    ObjectNode ack = Json.mapper().createObjectNode().put("type", type).put("event_id", "event_" + FakeRoutes.random(6));
    return ack.toString();
  }
}
