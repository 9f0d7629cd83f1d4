package dev.voiceplugin.impl.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Turns a provider's non-2xx answer to a mint request into the exception that names it. */
final class UpstreamStatusFailures {
  /** Longer waits than this are not passed on: the browser would sit idle for no good reason. */
  static final long MAX_RETRY_AFTER_SECONDS = 3_600;

  private UpstreamStatusFailures() {}

  /**
   * @param model the model or deployment name that was requested, to name in a 404
   * @param entraToken whether the request was authenticated with an Entra ID token, not a key
   * @param secrets every secret the request carried, redacted from anything quoted
   */
  static ProviderException toException(Upstream upstream, UpstreamResponse response, String model,
      boolean entraToken, Collection<String> secrets, Clock clock) {
    return toException(upstream, response, model, entraToken ? ProviderCredential.Source.ENTRA_ID
        : ProviderCredential.Source.TENANT_KEY, secrets, clock);
  }

  /** As above, with the credential that was used: its {@link ProviderCredential#source()} chooses the 401's hint. */
  static ProviderException toException(Upstream upstream, UpstreamResponse response, String model,
      ProviderCredential credential, Collection<String> secrets, Clock clock) {
    return toException(upstream, response, model, credential.source(), secrets, clock);
  }

  static ProviderException toException(Upstream upstream, UpstreamResponse response, String model,
      ProviderCredential.Source source, Collection<String> secrets, Clock clock) {
    int status = response.status();
    UpstreamError error = UpstreamError.parse(response.body(), secrets);
    return switch (status) {
      case 401 -> source == ProviderCredential.Source.ENTRA_ID
          ? ProviderKeyRejectedException.entraToken(status)
          : ProviderKeyRejectedException.apiKey(upstream, status, source);
      case 403 -> new ProviderAccessDeniedException(upstream, model);
      case 404 -> new ProviderModelNotFoundException(upstream, model, status);
      case 429 -> error.hasCode("insufficient_quota")
          ? new ProviderQuotaExceededException(upstream)
          : new ProviderRateLimitedException(upstream, retryAfterSeconds(response, clock));
      default -> {
        if (status >= 500) {
          yield new ProviderUnavailableException(upstream, status);
        }
        if (status >= 400) {
          // A realtime-incapable model is sometimes a 400 model_not_found rather than a 404.
          yield error.hasCode("model_not_found")
              ? new ProviderModelNotFoundException(upstream, model, status)
              : new ProviderRejectedRequestException(upstream, status, error);
        }
        yield new ProviderBadResponseException(upstream, "unexpected HTTP status " + status,
            OptionalInt.of(status), null);
      }
    };
  }

  /** Retry-After as delta-seconds or an HTTP date (RFC 9110), clamped to 0..MAX. */
  static OptionalLong retryAfterSeconds(UpstreamResponse response, Clock clock) {
    return response.headers().firstValue("Retry-After").map(String::strip).map(value -> {
      try {
        return OptionalLong.of(clamp(Long.parseLong(value)));
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
          return OptionalLong.of(clamp(Duration.between(clock.instant(), at.toInstant()).toSeconds()));
        } catch (DateTimeParseException notADate) {
          return OptionalLong.empty();
        }
      }
    }).orElse(OptionalLong.empty());
  }

  private static long clamp(long seconds) {
    return Math.max(0, Math.min(seconds, MAX_RETRY_AFTER_SECONDS));
  }
}
