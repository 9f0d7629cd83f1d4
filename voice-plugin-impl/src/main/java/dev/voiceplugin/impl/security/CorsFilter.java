package dev.voiceplugin.impl.security;

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
 * CORS for hosts whose admin pages live on another origin than the API. Off unless
 * {@code VOICE_CORS_ORIGINS} lists origins; only those exact origins get
 * {@code Access-Control-Allow-*} headers (with credentials, so the host's cookies work), and the
 * CSRF filter accepts their writes. A servlet filter, so the mint servlet and Jersey share it.
 */
public final class CorsFilter implements Filter {
  private static final String ALLOWED_HEADERS = "Content-Type, If-Match, X-Requested-With, Authorization, X-Request-Id";
  private static final String EXPOSED_HEADERS = "ETag, Retry-After, X-Request-Id, Location, X-Call-Ends-At";
  private final Set<String> origins;

  public CorsFilter(Set<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    String origin = request.getHeader("Origin");
    response.addHeader("Vary", "Origin");
    boolean allowed = origin != null && origins.contains(origin);
    if (allowed) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Allow-Credentials", "true");
      response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
    if (allowed && "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
      response.setStatus(204);
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
      response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      response.setHeader("Access-Control-Max-Age", "600");
      return;
    }
    chain.doFilter(req, resp);
  }
}
