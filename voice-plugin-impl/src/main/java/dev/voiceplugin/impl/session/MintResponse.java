package dev.voiceplugin.impl.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.settings.IceServer;
import java.util.List;

/**
 * What the widget needs to open a voice session: the short-lived secret (never the provider key),
 * where to send the SDP offer, the {@code session.update} event to send on the data channel, and
 * the ICE servers.
 *
 * @param expiresAt when the client secret expires, in unix seconds
 * @param answer the tenant's pre-serialised answer for this settings version (not part of the JSON)
 */
public record MintResponse(
    String provider, String model, String clientSecret, long expiresAt, String webrtcUrl, ObjectNode sessionUpdate,
    List<IceServer> iceServers, long settingsVersion, @JsonIgnore MintAnswer answer) {

  public MintResponse {
    iceServers = List.copyOf(iceServers);
  }

  /** The JSON body: the pre-built bytes around this mint's secret and expiry. */
  public byte[] json() {
    return answer.render(clientSecret, expiresAt);
  }

  @Override
  public String toString() {
    return "MintResponse[provider=" + provider + ", model=" + model + ", clientSecret=***, expiresAt=" + expiresAt + "]";
  }
}
