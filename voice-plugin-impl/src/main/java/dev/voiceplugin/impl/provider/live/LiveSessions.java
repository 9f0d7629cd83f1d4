package dev.voiceplugin.impl.provider.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.provider.ProviderEndpoints;
import dev.voiceplugin.impl.provider.ProviderFailures;
import dev.voiceplugin.impl.provider.Upstream;
import dev.voiceplugin.impl.provider.UpstreamResponse;
import dev.voiceplugin.impl.provider.calls.CreatedCall;
import dev.voiceplugin.impl.web.Json;
import java.io.IOException;
import java.util.OptionalInt;

/** Reads the answer to {@code POST /live/sessions}: {@code {session:{id}, transport:{type:"webrtc", sdp}}}. */
final class LiveSessions {
  private LiveSessions() {}

  /**
   * The session id ({@code live_…}, kept unchanged, never shown to the browser) and the SDP answer.
   * Anything else is a bad response, so the browser never gets a body it would fail to parse as SDP.
   */
  static CreatedCall read(Upstream upstream, UpstreamResponse response) {
    OptionalInt status = OptionalInt.of(response.status());
    if (response.status() != 201 && response.status() != 200) {
      throw ProviderFailures.badResponse(upstream, "HTTP " + response.status() + " where 201 Created was expected", status);
    }
    JsonNode body;
    try {
      body = Json.mapper().readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw ProviderFailures.badResponse(upstream, "the body is not a JSON object", status);
    }
    String id = body.path("session").path("id").asText("");
    if (!ProviderEndpoints.isSafeCallId(id)) {
      throw ProviderFailures.badResponse(upstream, id.isEmpty() ? "the answer names no session.id" : "session.id is not an id",
          status);
    }
    JsonNode transport = body.path("transport");
    String sdp = transport.path("sdp").asText("");
    if (!"webrtc".equals(transport.path("type").asText()) || !sdp.strip().startsWith("v=0")) {
      throw ProviderFailures.badResponse(upstream, "transport.sdp is not a WebRTC SDP answer", status);
    }
    return new CreatedCall(id, sdp);
  }
}
