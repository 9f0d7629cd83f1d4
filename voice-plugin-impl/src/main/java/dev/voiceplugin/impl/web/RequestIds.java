package dev.voiceplugin.impl.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every API request an id (a sane incoming {@code X-Request-Id} is kept), puts it in the
 * logging MDC as {@code requestId} and in a request attribute, and returns it in the
 * {@code X-Request-Id} header. Ids are a random per-instance prefix and a counter: unique, and
 * far cheaper than a SecureRandom UUID per request.
 */
public final class RequestIds implements Filter {
  public static final String HEADER = "X-Request-Id";
  public static final String ATTRIBUTE = "voice.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  private static final String PREFIX = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
  private static final AtomicLong COUNTER = new AtomicLong();

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    String incoming = ((HttpServletRequest) req).getHeader(HEADER);
    String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : next();
    req.setAttribute(ATTRIBUTE, id);
    ((HttpServletResponse) resp).setHeader(HEADER, id);
    MDC.put("requestId", id);
    try {
      chain.doFilter(req, resp);
    } finally {
      MDC.remove("requestId");
    }
  }

  /** A fresh id, e.g. for work outside a request. */
  public static String next() {
    return PREFIX + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
  }

  /** The id of {@code request}, or a fresh one. */
  public static String of(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    return id == null ? next() : id.toString();
  }
}
