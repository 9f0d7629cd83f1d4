package dev.voiceplugin.impl.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * CORS for hosts whose admin pages live on another origin than the API. Off unless
 * {@code VOICE_CORS_ORIGINS} lists origins; only those exact origins get
 * {@code Access-Control-Allow-*} headers (with credentials, so the host's cookies work), and the
 * CSRF filter accepts their writes.
 */
@PreMatching
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String ALLOWED_HEADERS = "Content-Type, If-Match, X-Requested-With, Authorization, X-Request-Id";
  private static final String EXPOSED_HEADERS = "ETag, Retry-After, X-Request-Id";
  private final Set<String> origins;

  public CorsFilter(Set<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if ("OPTIONS".equals(request.getMethod()) && origin != null && origins.contains(origin)
        && request.getHeaderString("Access-Control-Request-Method") != null) {
      request.abortWith(Response.noContent()
          .header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
          .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
          .header("Access-Control-Max-Age", "600")
          .build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String origin = request.getHeaderString("Origin");
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.add("Vary", "Origin");
    if (origin != null && origins.contains(origin)) {
      headers.putSingle("Access-Control-Allow-Origin", origin);
      headers.putSingle("Access-Control-Allow-Credentials", "true");
      headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
  }
}
