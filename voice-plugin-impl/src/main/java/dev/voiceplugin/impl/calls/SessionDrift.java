package dev.voiceplugin.impl.calls;

import com.fasterxml.jackson.databind.JsonNode;
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
}
