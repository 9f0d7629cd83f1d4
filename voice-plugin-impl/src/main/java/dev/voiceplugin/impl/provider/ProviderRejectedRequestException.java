package dev.voiceplugin.impl.provider;

import java.util.OptionalInt;

/** The provider refused the session configuration (upstream 400 and other 4xx, answered with 502). */
public final class ProviderRejectedRequestException extends ProviderException {
  ProviderRejectedRequestException(Upstream upstream, int upstreamStatus, UpstreamError error) {
    super(502, "provider_rejected_request", detail(upstream, upstreamStatus, error),
        "A voice setting is not accepted by this model or provider; change the parameter named in the detail.",
        OptionalInt.of(upstreamStatus));
  }

  private static String detail(Upstream upstream, int upstreamStatus, UpstreamError error) {
    StringBuilder detail = new StringBuilder(upstream.displayName())
        .append(" rejected the request (HTTP ").append(upstreamStatus).append(')');
    error.param().ifPresent(param -> detail.append(", parameter '").append(param).append('\''));
    error.message().ifPresent(message -> detail.append(": ").append(message));
    return detail.append(detail.charAt(detail.length() - 1) == '.' ? "" : ".").toString();
  }
}
