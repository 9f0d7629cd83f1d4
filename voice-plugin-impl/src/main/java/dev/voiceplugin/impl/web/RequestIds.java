package dev.voiceplugin.impl.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id (a sane incoming {@code X-Request-Id} is kept), puts it in the logging
 * MDC as {@code requestId}, and returns it in the {@code X-Request-Id} response header.
 */
@PreMatching
public final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {
  public static final String HEADER = "X-Request-Id";
  static final String PROPERTY = "voice.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

  @Override
  public void filter(ContainerRequestContext request) {
    String incoming = request.getHeaderString(HEADER);
    String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    request.setProperty(PROPERTY, id);
    MDC.put("requestId", id);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(PROPERTY);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id);
    }
    MDC.remove("requestId");
  }

  /** The id of the request being handled, or a fresh one outside a request. */
  static String current(ContainerRequestContext request) {
    Object id = request == null ? null : request.getProperty(PROPERTY);
    return id == null ? UUID.randomUUID().toString() : id.toString();
  }
}
