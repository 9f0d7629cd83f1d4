package dev.voiceplugin.impl.provider;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** The provider did not connect or answer within the configured timeouts (answered with 504). */
public final class ProviderTimeoutException extends ProviderException {
  ProviderTimeoutException(Upstream upstream, String phase, Duration limit, Throwable cause) {
    super(504, "provider_timeout",
        upstream.displayName() + " did not " + phase + " within " + limit.toMillis() + " ms.",
        "Try again; if it keeps happening, check the network path to the provider or raise "
            + "VOICE_PROVIDER_CONNECT_TIMEOUT_MS / VOICE_PROVIDER_READ_TIMEOUT_MS.",
        OptionalInt.empty(), Map.of(), cause);
  }
}
