package dev.voiceplugin.impl.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Serves the metrics in Prometheus text format; with {@code VOICE_METRICS_TOKEN} set, only to that bearer token. */
public final class MetricsServlet extends HttpServlet {
  private final transient VoiceMetrics metrics;
  private final transient Optional<String> token;

  public MetricsServlet(VoiceMetrics metrics, Optional<String> token) {
    this.metrics = metrics;
    this.token = token;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (token.isPresent() && !matches(req.getHeader("Authorization"), "Bearer " + token.get())) {
      resp.setStatus(401);
      resp.setContentType("application/problem+json");
      resp.setHeader("WWW-Authenticate", "Bearer");
      resp.getWriter().write("{\"type\":\"urn:voice-plugin:problem:metrics_unauthorized\",\"title\":\"Unauthorized\",\"status\":401,"
          + "\"code\":\"metrics_unauthorized\",\"detail\":\"The metrics need a bearer token.\","
          + "\"hint\":\"Send Authorization: Bearer <VOICE_METRICS_TOKEN>.\"}");
      return;
    }
    resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.getOutputStream().write(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }

  private static boolean matches(String given, String expected) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
