package dev.voiceplugin.impl.provider.live;

import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.ProviderFailures;
import dev.voiceplugin.impl.provider.UpstreamResponse;
import dev.voiceplugin.impl.provider.calls.CallAuth;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

/**
 * Names a refused {@code POST /live/sessions}. GPT-Live's error codes are not documented (the
 * stored spec lists none); this maps what its siblings use (the OpenAI error envelope with {@code
 * code} and {@code param}) to three failures of its own, and everything else exactly as the
 * Realtime API's (401 key, 429, 5xx, other 4xx), so no failure goes unnamed.
 */
final class LiveFailures {
  private static final Set<String> MODEL_CODES = Set.of("model_not_found", "invalid_model", "unsupported_model",
      "deploymentnotfound");
  private static final Set<String> ACCESS_CODES = Set.of("access_denied", "permission_denied", "unauthorized_model",
      "model_not_available", "feature_not_enabled", "not_enrolled");

  private LiveFailures() {}

  static ProviderException forStatus(UpstreamResponse response, String model, CallAuth auth, Clock clock) {
    int status = response.status();
    String code = ProviderFailures.errorCode(response.body(), auth.secrets()).toLowerCase(Locale.ROOT);
    String param = ProviderFailures.errorParam(response.body(), auth.secrets());
    boolean aboutModel = MODEL_CODES.contains(code) || param.equals("model") || param.equals("session.model");
    if (status == 403 || (status >= 400 && status < 500 && status != 429 && ACCESS_CODES.contains(code))) {
      return new LiveAccessNotEnabledException(auth.upstream(), status);
    }
    if ((status == 400 || status == 404 || status == 422) && aboutModel) {
      return new LiveModelNotFoundException(auth.upstream(), model, status);
    }
    if (status == 404) {
      // The sessions endpoint itself is missing for this key or resource: GPT-Live is not on offer there.
      return new LiveAccessNotEnabledException(auth.upstream(), status);
    }
    if ((status == 400 || status == 422) && !param.isEmpty()) {
      return new LiveFieldRejectedException(auth.upstream(), status, param, code,
          ProviderFailures.errorMessage(response.body(), auth.secrets()));
    }
    return ProviderFailures.forStatus(auth.upstream(), response, model, auth.source(), auth.secrets(), clock);
  }
}
