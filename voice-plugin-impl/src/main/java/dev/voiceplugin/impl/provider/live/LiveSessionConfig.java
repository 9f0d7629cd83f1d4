package dev.voiceplugin.impl.provider.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.settings.LiveDelegation;
import dev.voiceplugin.impl.settings.LiveSettings;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.web.Json;
import java.util.List;
import java.util.Objects;

/**
 * Turns a tenant's settings into GPT-Live's {@code POST /v1/live/sessions} body ({@code
 * LiveCreateRequest}: {@code session} and {@code transport}). GPT-Live's session object is strict
 * (unknown fields are rejected) and mostly immutable, so only its own fields are written: model,
 * instructions, {@code audio.output.voice}, {@code delegation} and {@code client.data_channel}.
 */
final class LiveSessionConfig {
  /**
   * What the browser's data channel receives: what the widget shows (start, transcripts, mute
   * acknowledgements, the end, errors, notices) and nothing else, so backend events
   * ({@code response.event}) and usage stay on the server's sideband.
   */
  static final List<String> BROWSER_SERVER_EVENTS = List.of("session.started", "session.input_transcript.delta",
      "session.output_transcript.delta", "session.input_audio.muted", "session.input_audio.unmuted", "session.closed", "error",
      "info");

  private LiveSessionConfig() {}

  static ObjectNode createRequest(RealtimeSettings settings, String sdpOffer) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.set("session", session(settings));
    body.putObject("transport").put("type", "webrtc").put("sdp", sdpOffer);
    return body;
  }

  static ObjectNode session(RealtimeSettings settings) {
    Objects.requireNonNull(settings, "settings");
    ObjectNode session = Json.mapper().createObjectNode().put("model", settings.model());
    // Blank instructions are left out: GPT-Live then uses its own defaults.
    if (settings.instructions() != null && !settings.instructions().isBlank()) {
      session.put("instructions", settings.instructions());
    }
    ObjectNode output = session.putObject("audio").putObject("output");
    if (settings.customVoice()) {
      output.putObject("voice").put("id", settings.voice());
    } else {
      output.put("voice", settings.voice());
    }
    LiveSettings live = settings.live() == null ? LiveSettings.DEFAULTS : settings.live();
    LiveDelegation delegation = live.delegation();
    // Off is "no delegation configured": left out, as GPT-Live reads an absent delegation.
    if (delegation.type() == LiveDelegation.Type.RESPONSES) {
      ObjectNode responses = session.putObject("delegation").put("type", "responses").putObject("responses");
      responses.put("model", delegation.model());
      if (delegation.searchesTheWeb()) {
        responses.putArray("tools").addObject().put("type", "web_search");
      }
    }
    ObjectNode channel = session.putObject("client").putObject("data_channel");
    ArrayNode clientEvents = channel.putArray("allowed_client_events");
    live.browserEvents().forEach(clientEvents::add);
    ArrayNode serverEvents = channel.putArray("allowed_server_events");
    BROWSER_SERVER_EVENTS.forEach(type -> serverEvents.addObject().put("type", type));
    return session;
  }
}
