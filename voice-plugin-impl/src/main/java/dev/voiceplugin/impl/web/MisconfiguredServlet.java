package dev.voiceplugin.impl.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Stands in for the API when the plugin could not start: every call gets the same 503 problem,
 * except liveness. {@code GET /health/live} stays 200: the process answers, and restarting it would
 * not fix a setting; readiness ({@code /health/ready}) and everything else report the misconfiguration.
 */
final class MisconfiguredServlet extends HttpServlet {
  private final String reason;

  MisconfiguredServlet(String reason) {
    this.reason = reason;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("Cache-Control", "no-store");
    if ("GET".equals(req.getMethod()) && "/health/live".equals(req.getPathInfo())) {
      resp.setContentType("application/json");
      Json.mapper().writeValue(resp.getOutputStream(), Map.of("status", "UP"));
      return;
    }
    Problem problem = Problem.of(503, "plugin_misconfigured", "The voice plugin could not start: " + reason,
        "The platform team must fix the plugin's configuration (the detail and the server log name the setting; "
            + "see the README's configuration table) and redeploy; nothing in the voice settings can fix it.", null,
        Map.of("health", "DOWN"));
    resp.setStatus(503);
    resp.setContentType(Problem.MEDIA_TYPE);
    Json.mapper().writeValue(resp.getOutputStream(), problem);
  }
}
