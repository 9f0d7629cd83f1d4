package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/** The provider answered 200 but without {@code value} or {@code expires_at} (answered with 502). */
public final class ProviderNoClientSecretException extends ProviderException {
  ProviderNoClientSecretException(int upstreamStatus) {
    super(502, "provider_no_client_secret", "no client secret in response",
        "The provider answered without a client secret; check that the endpoint speaks the GA Realtime API "
            + "(/v1/realtime/client_secrets) and try again.",
        OptionalInt.of(upstreamStatus));
  }
}
