package dev.voiceplugin.impl.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem document, the only error shape on the wire: {@code type}, {@code title},
 * {@code status}, {@code detail}, plus our stable {@code code}, a human {@code hint}, the
 * {@code requestId} of a 5xx, and any extensions (e.g. {@code errors}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String code, String hint, String requestId,
    @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(hint, "hint");
    extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
  }

  public static Problem of(int status, String code, String detail, String hint, String requestId, Map<String, Object> ext) {
    return new Problem("urn:voice-plugin:problem:" + code, HttpStatusTitles.title(status), status, detail, code, hint,
        requestId, ext);
  }

  @JsonAnyGetter
  public Map<String, Object> anyExtensions() {
    return extensions;
  }
}
