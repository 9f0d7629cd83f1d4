package dev.voiceplugin.impl.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.settings.PushToTalk;
import java.util.Objects;

/**
 * Whether a {@code session.updated} shows a session that strays from the tenant's: other
 * instructions, voice or model, or any tools (the tenant configures none). The browser is a full
 * peer of the call and can send {@code session.update} itself; the sideband puts it back.
 */
final class SessionDrift {
  private SessionDrift() {}

  static boolean drifted(JsonNode expectedSession, JsonNode actualSession) {
    if (!actualSession.isObject()) {
      return false;
    }
    if (!Objects.equals(expectedSession.path("instructions").asText(null), actualSession.path("instructions").asText(null))) {
      return true;
    }
    JsonNode expectedVoice = expectedSession.path("audio").path("output").path("voice");
    JsonNode actualVoice = actualSession.path("audio").path("output").path("voice");
    if (!actualVoice.isMissingNode() && !expectedVoice.isMissingNode() && !expectedVoice.equals(actualVoice)) {
      return true;
    }
    JsonNode model = actualSession.path("model");
    if (model.isTextual() && expectedSession.path("model").isTextual() && !model.asText().equals(expectedSession.path("model").asText())) {
      return true;
    }
    JsonNode tools = actualSession.path("tools");
    return tools.isArray() && tools.size() > 0;
  }

  /**
   * The tenant's session to put back, except that turn detection the browser switched off for
   * push-to-talk stays off: turn detection is not drift (the tenant allows push-to-talk), and
   * turning it back on mid-call would make the model answer while the user still holds the button.
   */
  static ObjectNode reassertion(ObjectNode sessionUpdate, JsonNode actualSession, PushToTalk pushToTalk) {
    JsonNode actualInput = actualSession.path("audio").path("input");
    boolean browserTurnedItOff = actualInput.has("turn_detection") && actualInput.get("turn_detection").isNull();
    JsonNode input = sessionUpdate.path("session").path("audio").path("input");
    if (pushToTalk != PushToTalk.OFF && browserTurnedItOff && input instanceof ObjectNode in) {
      in.putNull("turn_detection");
    }
    return sessionUpdate;
  }
}
