package dev.voiceplugin.impl.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.web.Json;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;

/**
 * The parts of a provider's error envelope ({@code {"error":{"message","type","param","code"}}})
 * that are safe to show: the message sanitised, param and code only when they look like
 * identifiers. Never holds the raw body.
 */
final class UpstreamError {
  static final UpstreamError NONE = new UpstreamError("", "", "");

  private final String code;
  private final String param;
  private final String message;

  private UpstreamError(String code, String param, String message) {
    this.code = code;
    this.param = param;
    this.message = message;
  }

  /** Reads an error body; anything unreadable gives {@link #NONE}, never an exception. */
  static UpstreamError parse(byte[] body, Collection<String> knownSecrets) {
    JsonNode error;
    try {
      error = Json.mapper().readTree(body);
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
    error = error == null ? null : error.path("error");
    if (error == null || !error.isObject()) {
      return NONE;
    }
    String code = error.path("code").asText("");
    String param = error.path("param").asText("");
    String message = error.path("message").asText("");
    return new UpstreamError(
        UpstreamText.identifier(code, knownSecrets),
        UpstreamText.identifier(param, knownSecrets),
        message.isBlank() ? "" : UpstreamText.sanitize(message, knownSecrets));
  }

  Optional<String> param() {
    return param.isEmpty() ? Optional.empty() : Optional.of(param);
  }

  Optional<String> message() {
    return message.isEmpty() ? Optional.empty() : Optional.of(message);
  }

  /** The code when it was a plain identifier, else empty. */
  String code() {
    return code;
  }

  boolean hasCode(String expected) {
    return code.equals(expected);
  }
}
