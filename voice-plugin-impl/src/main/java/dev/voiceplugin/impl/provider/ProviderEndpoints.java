package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.net.URI;
import java.util.Objects;

/**
 * Where the GA Realtime API lives for a tenant: the mint URL the server calls and the WebRTC
 * {@code /realtime/calls} URL the browser posts its SDP offer to. Azure's {@code /openai/v1/...}
 * paths take no {@code api-version} query (adding one is answered with 401).
 *
 * @param openAiBaseUrl OpenAI's base URL without {@code /v1}
 */
public record ProviderEndpoints(URI openAiBaseUrl) {
  public ProviderEndpoints {
    Objects.requireNonNull(openAiBaseUrl, "openAiBaseUrl");
  }

  /** {@code POST} here mints an ephemeral client secret. */
  public URI clientSecretsUrl(RealtimeSettings settings) {
    return realtimeBase(settings).resolve("realtime/client_secrets");
  }

  /** The browser posts its SDP offer here, authenticated with the client secret. */
  public URI callsUrl(RealtimeSettings settings) {
    return realtimeBase(settings).resolve("realtime/calls");
  }

  /**
   * {@code POST} here ends a server-controlled call ({@code …/realtime/calls/{id}/hangup}).
   *
   * @param callId the provider's call id, already checked to be a safe path segment
   */
  public URI hangupUrl(RealtimeSettings settings, String callId) {
    return realtimeBase(settings).resolve("realtime/calls/" + requireSafeCallId(callId) + "/hangup");
  }

  /**
   * The sideband WebSocket of a call: {@code wss://…/v1/realtime?call_id=…} (Azure {@code
   * wss://…/openai/v1/realtime?call_id=…}), with {@code ws} where the base URL is plain http (a
   * local test double).
   */
  public URI sidebandUrl(RealtimeSettings settings, String callId) {
    return webSocket(realtimeBase(settings).resolve("realtime?call_id=" + requireSafeCallId(callId)));
  }

  /**
   * A relayed session's own Realtime WebSocket: {@code wss://api.openai.com/v1/realtime?model=…},
   * Azure {@code wss://{resource}/openai/v1/realtime?model={deployment}} (no {@code api-version}: GA).
   */
  public URI streamUrl(RealtimeSettings settings) {
    return webSocket(realtimeBase(settings).resolve("realtime?model="
        + java.net.URLEncoder.encode(settings.model(), java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static URI webSocket(URI http) {
    String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + http.toString().substring(http.getScheme().length()));
  }

  /**
   * Whether {@code callId} may go into a path or query as it is. Call ids come from the provider's
   * {@code Location} header ({@code rtc_…}); treated as opaque, but never as a path.
   */
  public static boolean isSafeCallId(String callId) {
    return callId != null && callId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");
  }

  private static String requireSafeCallId(String callId) {
    if (!isSafeCallId(callId)) {
      throw new IllegalArgumentException("a provider call id is 1-200 letters, digits, '_' or '-'");
    }
    return callId;
  }

  /**
   * What the connection test GETs to check the credentials without minting: OpenAI's model
   * ({@code /v1/models/{model}}), or Azure's model list ({@code /openai/v1/models}; Azure's data
   * plane names models, not deployments, so there is no per-deployment lookup).
   */
  public URI modelUrl(RealtimeSettings settings) {
    if (settings.provider().onAzure()) {
      return realtimeBase(settings).resolve("models");
    }
    // Validated on save; checked again because the name becomes a path segment of the request.
    if (!dev.voiceplugin.impl.settings.ModelNames.isSafe(settings.model())) {
      throw new IllegalArgumentException("a model name is a letter or digit, then letters, digits and . _ : -, without ..");
    }
    return URI.create(openAiBaseUrl + "/v1/models/" + settings.model());
  }

  /** The host name to mention in errors (never a path or query). */
  static String host(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  /**
   * {@code POST} here creates a GPT-Live WebRTC session: {@code …/v1/live/sessions} (Azure {@code
   * …/openai/v1/live/sessions}, no {@code api-version}).
   */
  public URI liveSessionsUrl(RealtimeSettings settings) {
    return realtimeBase(settings).resolve("live/sessions");
  }

  /**
   * The sideband WebSocket of a GPT-Live session: {@code wss://…/v1/live/sessions/{id}/attach} (Azure
   * {@code …/openai/v1/live/sessions/{id}/attach}), {@code ws} for a plain-http test double.
   *
   * @param sessionId the provider's session id ({@code live_…}), already checked to be a safe path segment
   */
  public URI liveAttachUrl(RealtimeSettings settings, String sessionId) {
    return webSocket(realtimeBase(settings).resolve("live/sessions/" + requireSafeCallId(sessionId) + "/attach"));
  }

  /** The base of the tenant's API, for either protocol: OpenAI's {@code /v1/}, or the Azure resource's {@code /openai/v1/}. */
  private URI realtimeBase(RealtimeSettings settings) {
    if (!settings.provider().onAzure()) {
      return URI.create(openAiBaseUrl + "/v1/");
    }
    if (settings.azure() == null) {
      throw new IllegalArgumentException("azure settings are required for provider " + settings.provider().wire());
    }
    return URI.create(settings.azure().baseUrl() + "/openai/v1/");
  }
}
