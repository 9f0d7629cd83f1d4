package dev.voiceplugin.impl.provider.calls;

import dev.voiceplugin.impl.provider.ProviderConfig;
import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.ProviderFailures;
import dev.voiceplugin.impl.provider.UpstreamResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/** Names a refused or failed sideband handshake with the same exceptions as every other provider call. */
final class SidebandHandshakes {
  private SidebandHandshakes() {}

  static ProviderException failure(CallAuth auth, URI url, String callId, Throwable failure, ProviderConfig config,
      Duration connectTimeout, String model, Clock clock) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof WebSocketHandshakeException refused) {
      HttpResponse<?> response = refused.getResponse();
      byte[] body = response.body() instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
      int status = response.statusCode();
      // An ephemeral key, another project's key or an ended call: the provider says call_id_not_found.
      if (status == 404) {
        return ProviderFailures.callNotFound(auth.upstream(), callId, status);
      }
      if (status == 101 || (status >= 200 && status < 300)) {
        return ProviderFailures.badResponse(auth.upstream(), "the WebSocket handshake was not completed (HTTP " + status + ")",
            java.util.OptionalInt.of(status));
      }
      return ProviderFailures.forStatus(auth.upstream(),
          new UpstreamResponse(status, response.headers(), body, Duration.ZERO), model, auth.source(), auth.secrets(), clock);
    }
    if (cause instanceof HttpTimeoutException) {
      return ProviderFailures.timeout(auth.upstream(), "accept the sideband", connectTimeout, cause);
    }
    // The transport classifier names hosts from an http(s) URL; the ws(s) one has the same host.
    URI http = URI.create(url.toString().replaceFirst("^ws", "http"));
    return ProviderFailures.transport(auth.upstream(), http, cause, config);
  }
}
