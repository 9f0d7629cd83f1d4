package dev.voiceplugin.impl.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Security headers for the plugin's admin pages and API: a CSP without {@code unsafe-inline}
 * (the elements load their CSS as files and use no inline script), {@code nosniff}, a strict
 * referrer policy, and {@code frame-ancestors} from {@code VOICE_FRAME_ANCESTORS} so a host can
 * embed the page in its own admin panel. API answers default to {@code Cache-Control: no-store}:
 * they carry TURN credentials, audit records and who is signed in, and a resource that may be
 * cached says so itself (its header replaces this one). The admin pages' static files keep the
 * container's caching.
 */
public final class SecurityHeadersFilter implements Filter {
  private final String csp;

  /**
   * @param connectSources origins the browser may call besides its own: the provider's WebRTC endpoints
   * @param frameAncestors who may frame the pages, e.g. {@code 'self' https://admin.example.com}
   */
  public SecurityHeadersFilter(List<String> connectSources, String frameAncestors) {
    Set<String> connect = new LinkedHashSet<>();
    connect.add("'self'");
    connect.addAll(connectSources);
    this.csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "media-src 'self' blob: mediastream:; connect-src " + String.join(" ", connect) + "; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors " + frameAncestors;
  }

  public String contentSecurityPolicy() {
    return csp;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader("Content-Security-Policy", csp);
    http.setHeader("X-Content-Type-Options", "nosniff");
    http.setHeader("Referrer-Policy", "same-origin");
    http.setHeader("Permissions-Policy", "microphone=(self), camera=(), geolocation=()");
    if (request instanceof HttpServletRequest req && req.getRequestURI().startsWith(req.getContextPath() + "/api/")) {
      http.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }
}
