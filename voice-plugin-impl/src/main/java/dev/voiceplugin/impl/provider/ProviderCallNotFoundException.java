package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/**
 * The provider has no call with this id (upstream 404 on a sideband handshake or a hang-up,
 * {@code call_id_not_found}; answered with 502). After a hang-up it usually means the call is
 * already over.
 */
public final class ProviderCallNotFoundException extends ProviderException {
  ProviderCallNotFoundException(Upstream upstream, String callId, int upstreamStatus) {
    super(502, "provider_call_not_found",
        upstream.displayName() + " has no call " + callId + " (HTTP " + upstreamStatus + ").",
        "The call has ended or was never created with this key; start a new call.",
        OptionalInt.of(upstreamStatus));
  }
}
