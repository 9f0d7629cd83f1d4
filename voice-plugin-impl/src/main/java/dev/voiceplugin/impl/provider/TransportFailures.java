package dev.voiceplugin.impl.provider;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.OptionalInt;

/** Names a failure of the HTTP exchange itself (no usable status) for the administrator. */
final class TransportFailures {
  private TransportFailures() {}

  static ProviderException classify(
      Upstream upstream, URI url, Throwable failure, boolean headersReceived, ProviderConfig config) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpConnectTimeoutException) {
        return new ProviderTimeoutException(upstream, "accept the connection", config.connectTimeout(), failure);
      }
      if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
          || cause instanceof java.util.concurrent.TimeoutException) {
        return new ProviderTimeoutException(upstream, "answer", config.exchangeDeadline(), failure);
      }
      if (cause instanceof BoundedBodyHandler.BodyTooLargeException) {
        return new ProviderBadResponseException(upstream, "the body is larger than 1 MiB", OptionalInt.empty(), failure);
      }
      // Jetty's client: a parser error (BadMessageException is an HttpException) or a response it could not take.
      if (cause instanceof ProtocolException || isNotHttp(cause) || cause instanceof org.eclipse.jetty.http.HttpException
          || cause instanceof org.eclipse.jetty.client.HttpResponseException) {
        return new ProviderBadResponseException(upstream, "it is not valid HTTP", OptionalInt.empty(), failure);
      }
    }
    // Once the status line arrived, a broken connection means a broken answer, not an unreachable host.
    if (headersReceived) {
      return new ProviderBadResponseException(upstream, "the body was cut off or malformed", OptionalInt.empty(), failure);
    }
    return new ProviderUnreachableException(upstream, ProviderEndpoints.host(url), failure);
  }

  /**
   * The JDK has no exception type for "bytes arrived but they were not HTTP"; its HTTP/1.1 parser
   * says so only in the message ("parsing HTTP/1.1 status line, receiving [...]"), whereas a
   * connection closed before any byte reads "header parser received no bytes".
   */
  private static boolean isNotHttp(Throwable cause) {
    return cause instanceof IOException && cause.getMessage() != null && cause.getMessage().startsWith("parsing HTTP/");
  }
}
