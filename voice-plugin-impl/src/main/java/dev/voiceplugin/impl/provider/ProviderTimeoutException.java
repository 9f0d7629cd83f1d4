package dev.voiceplugin.impl.provider;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** The provider did not connect or answer within the configured timeouts (answered with 504). */
public final class ProviderTimeoutException extends ProviderException {
  ProviderTimeoutException(Upstream upstream, String phase, Duration limit, Throwable cause) {
    super(504, "provider_timeout",
        upstream.displayName() + " did not " + phase + " within " + limit.toMillis() + " ms.",
        "Try again; if it keeps happening, ask the platform team to check the server's connection to "
            + upstream.displayName() + ".",
        OptionalInt.empty(), Map.of(), cause);
  }
}
