package dev.voiceplugin.impl.security;

import dev.voiceplugin.impl.VoicePluginException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import java.util.Set;

/**
 * Refuses cross-site state-changing requests. A write must (1) carry {@code X-Requested-With:
 * voice-plugin}, a custom header no cross-origin form or image can send without a CORS preflight
 * that we never grant by default, (2) not be marked {@code Sec-Fetch-Site: cross-site} by the
 * browser, and (3) come from the same origin as the API, or one of {@code VOICE_ALLOWED_ORIGINS}.
 */
@PreMatching
public final class CsrfFilter implements ContainerRequestFilter {
  public static final String HEADER = "X-Requested-With";
  public static final String HEADER_VALUE = "voice-plugin";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private final Set<String> allowedOrigins;

  public CsrfFilter(Set<String> allowedOrigins) {
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (SAFE.contains(request.getMethod())) {
      return;
    }
    String origin = request.getHeaderString("Origin");
    boolean allowedOrigin = origin != null && (allowedOrigins.contains(origin) || sameOrigin(origin, request));
    if ("cross-site".equals(request.getHeaderString("Sec-Fetch-Site")) && !allowedOrigin) {
      throw rejected("The browser marked this request as cross-site.");
    }
    if (origin != null && !"null".equals(origin) && !allowedOrigin) {
      throw rejected("The request comes from another origin (" + origin.replaceAll("[^\\x20-\\x7e]", "?") + ").");
    }
    if ("null".equals(origin)) {
      throw rejected("The request comes from an opaque origin.");
    }
    if (!HEADER_VALUE.equals(request.getHeaderString(HEADER))) {
      throw new VoicePluginException(403, "csrf_header_missing",
          "State-changing requests must carry the header " + HEADER + ": " + HEADER_VALUE + ".",
          "Call the API through the voice-plugin elements, or add the header in your own client.");
    }
  }

  private static boolean sameOrigin(String origin, ContainerRequestContext request) {
    URI base = request.getUriInfo().getBaseUri();
    String expected = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
    String forwardedHost = request.getHeaderString("Host");
    return origin.equalsIgnoreCase(expected)
        || (forwardedHost != null && (origin.equalsIgnoreCase("https://" + forwardedHost) || origin.equalsIgnoreCase("http://" + forwardedHost)));
  }

  private static VoicePluginException rejected(String detail) {
    return new VoicePluginException(403, "csrf_rejected", detail,
        "Use the admin page served with the plugin, or list your page's origin in VOICE_ALLOWED_ORIGINS.");
  }
}
