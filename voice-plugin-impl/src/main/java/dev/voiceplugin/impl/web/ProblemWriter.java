package dev.voiceplugin.impl.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a failure as {@code application/problem+json} from servlet code (filters and the mint
 * servlet), exactly as {@link ProblemExceptionMapper} does for Jersey resources: same body, same
 * logging, {@code Retry-After} and {@code WWW-Authenticate} where they belong.
 */
public final class ProblemWriter {
  private static final ProblemExceptionMapper MAPPER = new ProblemExceptionMapper();

  private ProblemWriter() {}

  public static void write(HttpServletResponse response, Throwable failure) throws IOException {
    try (jakarta.ws.rs.core.Response mapped = MAPPER.toResponse(failure)) {
      if (response.isCommitted()) {
        return;
      }
      response.resetBuffer();
      response.setStatus(mapped.getStatus());
      mapped.getStringHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
      response.setContentType(Problem.MEDIA_TYPE);
      Json.mapper().writeValue(response.getOutputStream(), mapped.getEntity());
    }
  }
}
