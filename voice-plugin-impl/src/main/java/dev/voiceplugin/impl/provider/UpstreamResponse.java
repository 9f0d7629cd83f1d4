package dev.voiceplugin.impl.provider;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;

/**
 * A complete HTTP answer from a provider. Public only for the protocol packages beside this one; the
 * body never leaves the provider packages (it may quote a key or hold a secret).
 */
public record UpstreamResponse(int status, HttpHeaders headers, byte[] body, Duration latency) {
  public UpstreamResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(latency, "latency");
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
