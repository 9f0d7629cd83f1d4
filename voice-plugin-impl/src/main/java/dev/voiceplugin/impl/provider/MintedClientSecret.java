package dev.voiceplugin.impl.provider;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An ephemeral Realtime client secret, ready to hand to the browser together with the URL it
 * posts its SDP offer to. {@link #toString()} hides the secret so it cannot end up in a log.
 *
 * @param value the secret ({@code ek_...}); the browser sends it as {@code Authorization: Bearer}
 * @param expiresAt unix seconds after which no new session can be started with it
 * @param upstreamStatus the provider's HTTP status (200)
 * @param upstreamLatency how long the provider took, for metrics and audit
 * @param callsUrl the WebRTC {@code /realtime/calls} URL of the same provider
 */
public record MintedClientSecret(
    String value, long expiresAt, int upstreamStatus, Duration upstreamLatency, URI callsUrl) {

  /** The audit outcome of a successful mint; failures use {@link ProviderException#outcome()}. */
  public static final String OUTCOME_OK = "ok";

  public MintedClientSecret {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(upstreamLatency, "upstreamLatency");
    Objects.requireNonNull(callsUrl, "callsUrl");
    if (value.isBlank()) {
      throw new IllegalArgumentException("value must not be blank");
    }
    if (expiresAt <= 0) {
      throw new IllegalArgumentException("expiresAt must be positive unix seconds");
    }
  }

  public String outcome() {
    return OUTCOME_OK;
  }

  public Instant expiresAtInstant() {
    return Instant.ofEpochSecond(expiresAt);
  }

  @Override
  public String toString() {
    return "MintedClientSecret[value=<redacted>, expiresAt=" + expiresAt + ", upstreamStatus=" + upstreamStatus
        + ", upstreamLatency=" + upstreamLatency + ", callsUrl=" + callsUrl + "]";
  }
}
