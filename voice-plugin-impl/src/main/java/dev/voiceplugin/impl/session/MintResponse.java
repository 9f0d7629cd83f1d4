package dev.voiceplugin.impl.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.settings.IceServer;
import java.util.List;

/**
 * What the widget needs to open a voice session: the short-lived secret (never the provider key),
 * where to send the SDP offer, the {@code session.update} event to send on the data channel, and
 * the ICE servers.
 *
 * @param expiresAt when the client secret expires, in unix seconds
 */
public record MintResponse(
    String provider, String model, String clientSecret, long expiresAt, String webrtcUrl, ObjectNode sessionUpdate,
    List<IceServer> iceServers, long settingsVersion) {

  public MintResponse {
    iceServers = List.copyOf(iceServers);
  }

  @Override
  public String toString() {
    return "MintResponse[provider=" + provider + ", model=" + model + ", clientSecret=***, expiresAt=" + expiresAt + "]";
  }
}
