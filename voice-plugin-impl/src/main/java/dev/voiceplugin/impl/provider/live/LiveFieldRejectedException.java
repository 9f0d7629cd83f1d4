package dev.voiceplugin.impl.provider.live;

import dev.voiceplugin.impl.provider.ProviderException;
import dev.voiceplugin.impl.provider.Upstream;
import java.util.Map;
import java.util.OptionalInt;

/**
 * GPT-Live refused one field of the session it was sent (its configuration is strict: an unknown
 * or invalid field fails the whole request). Answered with 502; {@code field} names it.
 */
public final class LiveFieldRejectedException extends ProviderException {
  LiveFieldRejectedException(Upstream upstream, int upstreamStatus, String param, String code, String message) {
    super(502, "live_field_rejected", detail(upstream, upstreamStatus, param, code, message),
        "Change the voice setting behind the field named in the detail (a voice GPT-Live does not offer, say, or a "
            + "delegation model it cannot use) and start a new call.",
        OptionalInt.of(upstreamStatus), Map.of("field", param), null);
  }

  private static String detail(Upstream upstream, int status, String param, String code, String message) {
    StringBuilder detail = new StringBuilder(upstream.displayName()).append(" GPT-Live rejected the session field '")
        .append(param).append("' (HTTP ").append(status).append(code.isEmpty() ? "" : ", " + code).append(')');
    if (!message.isEmpty()) {
      detail.append(": ").append(message);
    }
    return detail.append(detail.charAt(detail.length() - 1) == '.' ? "" : ".").toString();
  }
}
