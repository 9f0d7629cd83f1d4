package dev.voiceplugin.impl.security;

import dev.voiceplugin.impl.VoicePluginException;
import dev.voiceplugin.impl.web.ProblemWriter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Refuses cross-site state-changing requests. A write must (1) carry {@code X-Requested-With:
 * voice-plugin}, a custom header no cross-origin form or image can send without a CORS preflight
 * that we never grant by default, (2) not be marked {@code Sec-Fetch-Site: cross-site} by the
 * browser, and (3) come from the same origin as the API, or one of {@code VOICE_ALLOWED_ORIGINS}.
 */
public final class CsrfFilter implements Filter {
  public static final String HEADER = "X-Requested-With";
  public static final String HEADER_VALUE = "voice-plugin";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private final Set<String> allowedOrigins;

  public CsrfFilter(Set<String> allowedOrigins) {
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    try {
      check(request);
    } catch (VoicePluginException e) {
      ProblemWriter.write((HttpServletResponse) resp, e);
      return;
    }
    chain.doFilter(req, resp);
  }

  void check(HttpServletRequest request) {
    if (SAFE.contains(request.getMethod())) {
      return;
    }
    String origin = request.getHeader("Origin");
    boolean allowedOrigin = origin != null && (allowedOrigins.contains(origin) || sameOrigin(origin, request));
    if ("cross-site".equals(request.getHeader("Sec-Fetch-Site")) && !allowedOrigin) {
      throw rejected("The browser marked this request as cross-site.");
    }
    if (origin != null && !"null".equals(origin) && !allowedOrigin) {
      throw rejected("The request comes from another origin (" + origin.replaceAll("[^\\x20-\\x7e]", "?") + ").");
    }
    if ("null".equals(origin)) {
      throw rejected("The request comes from an opaque origin.");
    }
    if (!HEADER_VALUE.equals(request.getHeader(HEADER))) {
      throw new VoicePluginException(403, "csrf_header_missing",
          "State-changing requests must carry the header " + HEADER + ": " + HEADER_VALUE + ".",
          "Call the API through the voice-plugin elements, or add the header in your own client.");
    }
  }

  private static boolean sameOrigin(String origin, HttpServletRequest request) {
    int port = request.getServerPort();
    boolean defaultPort = ("https".equals(request.getScheme()) && port == 443) || ("http".equals(request.getScheme()) && port == 80);
    String expected = request.getScheme() + "://" + request.getServerName() + (defaultPort || port < 0 ? "" : ":" + port);
    String forwardedHost = request.getHeader("Host");
    return origin.equalsIgnoreCase(expected)
        || (forwardedHost != null && (origin.equalsIgnoreCase("https://" + forwardedHost) || origin.equalsIgnoreCase("http://" + forwardedHost)));
  }

  private static VoicePluginException rejected(String detail) {
    return new VoicePluginException(403, "csrf_rejected", detail,
        "Use the admin page served with the plugin, or ask the platform team to allow your page's origin.");
  }
}
