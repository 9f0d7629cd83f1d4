package dev.voiceplugin.impl.provider;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;

/** A complete HTTP answer from a provider; the body stays inside this package. */
record UpstreamResponse(int status, HttpHeaders headers, byte[] body, Duration latency) {
  UpstreamResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(latency, "latency");
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
