package dev.voiceplugin.impl.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.voiceplugin.impl.VoicePluginException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns every exception that leaves a resource into {@code application/problem+json}. 4xx are not
 * logged as errors; a 5xx is logged once with the request id that its body repeats. Messages of
 * unexpected exceptions never reach the client (they may hold internals or secrets). Named failures
 * with a 5xx (database or provider down) are warnings; only unexpected exceptions are errors.
 */
public final class ProblemExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionMapper.class);

  @Override
  public Response toResponse(Throwable failure) {
    Problem problem = toProblem(failure);
    Response.ResponseBuilder response = Response.status(problem.status())
        .type(Problem.MEDIA_TYPE)
        .header("Cache-Control", "no-store")
        .entity(problem);
    if (failure instanceof VoicePluginException vpe && vpe.extensions().get("retryAfterSeconds") instanceof Number n) {
      response.header("Retry-After", n.longValue());
    }
    if (problem.status() == 401) {
      response.header("WWW-Authenticate", challenge(failure));
    }
    return response.build();
  }

  /** RFC 9110: every 401 names at least one challenge. */
  private static String challenge(Throwable failure) {
    if (failure instanceof dev.voiceplugin.api.spi.CredentialsRejectedException) {
      return "Bearer realm=\"voice-plugin\", error=\"invalid_token\"";
    }
    if (failure instanceof dev.voiceplugin.impl.tenancy.AccessDeniedException denied && denied.challenge().isPresent()) {
      return denied.challenge().get();
    }
    return dev.voiceplugin.impl.tenancy.AccessDeniedException.DEFAULT_CHALLENGE;
  }

  Problem toProblem(Throwable failure) {
    String requestId = currentRequestId();
    if (failure instanceof VoicePluginException e) {
      if (e.status() >= 500 && !e.loggedWhereRaised()) {
        // A dependency's failure (database, provider), not a bug of ours: a warning, once, with the id.
        log.warn("{} {} [requestId={}]: {}", e.status(), e.code(), requestId, e.getMessage());
      }
      return Problem.of(e.status(), e.code(), e.getMessage(), e.hint(), e.status() >= 500 ? requestId : null,
          e.extensions());
    }
    if (failure instanceof dev.voiceplugin.api.spi.CredentialsRejectedException rejected) {
      return Problem.of(401, rejected.code(), rejected.getMessage(), rejected.hint(), null, Map.of());
    }
    if (failure instanceof JsonProcessingException json) {
      return jsonProblem(json);
    }
    if (failure instanceof WebApplicationException wae) {
      return webProblem(wae.getResponse().getStatus(), requestId);
    }
    log.error("500 internal_error [requestId={}]", requestId, failure);
    return Problem.of(500, "internal_error", "An unexpected error occurred.",
        "Try again; if it persists, give the administrator the request id " + requestId + ".", requestId, Map.of());
  }

  private static Problem jsonProblem(JsonProcessingException json) {
    if (json instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      return Problem.of(400, "validation_failed", "The request has a field this API does not know: " + field,
          "Remove the field '" + field + "'; see the REST API section of the README for the accepted fields.", null,
          Map.of("errors", List.of(Map.of("field", field, "code", "unknown_field",
              "message", "unknown field"))));
    }
    if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      return Problem.of(400, "validation_failed", "The field '" + field + "' has a value of the wrong type.",
          "Check the type of '" + field + "' against the REST API section of the README.", null,
          Map.of("errors", List.of(Map.of("field", field, "code", "wrong_type",
              "message", "wrong type or shape"))));
    }
    return Problem.of(400, "malformed_json", "The request body is not valid JSON.",
        "Send a JSON object with Content-Type: application/json.", null, Map.of());
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static Problem webProblem(int status, String requestId) {
    return switch (status) {
      case 404 -> Problem.of(404, "not_found", "There is no such resource.", "Check the URL against the REST API section of the README.", null, Map.of());
      case 405 -> Problem.of(405, "method_not_allowed", "This resource does not support that method.", "Check the method against the REST API section of the README.", null, Map.of());
      case 406 -> Problem.of(406, "not_acceptable", "This resource cannot produce the requested media type.", "Accept application/json.", null, Map.of());
      case 415 -> Problem.of(415, "unsupported_media_type", "The request body has a media type this resource does not accept.", "Send Content-Type: application/json.", null, Map.of());
      default -> status >= 500
          ? Problem.of(status, "internal_error", "The server could not handle the request.", "Try again; if it persists, give the administrator the request id " + requestId + ".", requestId, Map.of())
          : Problem.of(status, "bad_request", "The request could not be handled.", "Check the request against the REST API section of the README.", null, Map.of());
    };
  }

  private static String currentRequestId() {
    String id = MDC.get("requestId");
    return id != null ? id : RequestIds.next();
  }
}
