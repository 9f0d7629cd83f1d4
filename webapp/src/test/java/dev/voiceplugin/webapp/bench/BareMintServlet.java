package dev.voiceplugin.webapp.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The floor of our own stack: on the plugin's Jetty, the same upstream call with the JDK HttpClient,
 * and nothing else: no authentication, tenant, settings, rate limit, audit, metrics or logging.
 */
final class BareMintServlet extends HttpServlet {
  private final transient HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI mint;
  private final String authorization;

  BareMintServlet(URI mint, String apiKey) {
    this.mint = mint;
    this.authorization = "Bearer " + apiKey;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    HttpRequest upstream = HttpRequest.newBuilder(mint).header("Authorization", authorization)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Bench.MINT_BODY)).build();
    try {
      HttpResponse<byte[]> r = http.send(upstream, HttpResponse.BodyHandlers.ofByteArray());
      resp.setStatus(r.statusCode());
      resp.setContentType("application/json");
      resp.getOutputStream().write(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      resp.sendError(503);
    }
  }
}
