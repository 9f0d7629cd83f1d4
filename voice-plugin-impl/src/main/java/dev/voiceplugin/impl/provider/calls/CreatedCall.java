package dev.voiceplugin.impl.provider.calls;

import java.util.Objects;

/**
 * A call the provider created.
 *
 * @param providerCallId the last path segment of the provider's {@code Location} (e.g. {@code rtc_…}); opaque
 * @param sdpAnswer the provider's SDP answer, for the browser's {@code setRemoteDescription}
 */
public record CreatedCall(String providerCallId, String sdpAnswer) {
  public CreatedCall {
    Objects.requireNonNull(providerCallId, "providerCallId");
    Objects.requireNonNull(sdpAnswer, "sdpAnswer");
  }
}
