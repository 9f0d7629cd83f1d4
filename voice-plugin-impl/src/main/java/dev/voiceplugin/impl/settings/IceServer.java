package dev.voiceplugin.impl.settings;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A STUN or TURN server the widget's {@code RTCPeerConnection} may use, in the browser's own shape.
 *
 * @param urls {@code stun:}, {@code turn:} or {@code turns:} URLs
 * @param username TURN user name, or null
 * @param credential TURN credential, or null (it reaches the admin's browser, so use short-lived TURN credentials)
 */
public record IceServer(
    @NotEmpty @Size(max = 8)
    List<@Pattern(regexp = "(stun|turn|turns):[^\\s]{1,250}", message = "must be a stun:, turn: or turns: URL") String> urls,
    @Size(max = 256) String username,
    @Size(max = 256) String credential) {

  public IceServer {
    urls = urls == null ? null : List.copyOf(urls);
  }
}
