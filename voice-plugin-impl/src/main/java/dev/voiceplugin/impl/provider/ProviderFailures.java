package dev.voiceplugin.impl.provider;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.OptionalInt;

/**
 * The error mapping of this package, for the protocol packages beside it (server-controlled calls,
 * relays): they build the same {@link ProviderException}s from their answers as the mint does, so
 * one failure has one code whichever path met it. Not for code above {@code provider}.
 */
public final class ProviderFailures {
  private ProviderFailures() {}

  /**
   * A non-2xx answer, mapped exactly as a mint's (401 by whose credential, 403, 404 model, 429 with
   * Retry-After, 4xx with the sanitised error envelope, 5xx).
   *
   * @param secrets every secret the request carried, redacted from anything quoted
   */
  public static ProviderException forStatus(Upstream upstream, UpstreamResponse response, String model,
      ProviderCredential.Source source, Collection<String> secrets, Clock clock) {
    return UpstreamStatusFailures.toException(upstream, response, model, source, secrets, clock);
  }

  /** An answer that cannot be used ({@code what} says why, without quoting it). */
  public static ProviderException badResponse(Upstream upstream, String what, OptionalInt upstreamStatus) {
    return new ProviderBadResponseException(upstream, what, upstreamStatus, null);
  }

  /** The provider has no such call. */
  public static ProviderException callNotFound(Upstream upstream, String callId, int upstreamStatus) {
    return new ProviderCallNotFoundException(upstream, callId, upstreamStatus);
  }

  /** The provider did not {@code phase} (e.g. "accept the sideband") within {@code limit}. */
  public static ProviderException timeout(Upstream upstream, String phase, Duration limit, Throwable cause) {
    return new ProviderTimeoutException(upstream, phase, limit, cause);
  }

  /** A failure of the connection itself (refused, reset, not HTTP), before any answer. */
  public static ProviderException transport(Upstream upstream, URI url, Throwable failure, ProviderConfig config) {
    return TransportFailures.classify(upstream, url, failure, false, config);
  }

  /** The code of an error envelope ({@code error.code}) when it is a plain identifier, else empty. */
  public static String errorCode(byte[] body, Collection<String> secrets) {
    return UpstreamError.parse(body, secrets).code();
  }

  /** The parameter an error envelope names ({@code error.param}, e.g. {@code session.audio.output.voice}) when it is a plain identifier, else empty. */
  public static String errorParam(byte[] body, Collection<String> secrets) {
    return UpstreamError.parse(body, secrets).param().orElse("");
  }

  /** The envelope's {@code error.message}, sanitised (no keys, no control characters, capped), else empty. */
  public static String errorMessage(byte[] body, Collection<String> secrets) {
    return UpstreamError.parse(body, secrets).message().orElse("");
  }

  /** Provider text made safe for a log line or a detail: no control characters, keys or tokens; capped. */
  public static String safeText(String raw, Collection<String> secrets) {
    return UpstreamText.sanitize(raw == null ? "" : raw, secrets);
  }
}
