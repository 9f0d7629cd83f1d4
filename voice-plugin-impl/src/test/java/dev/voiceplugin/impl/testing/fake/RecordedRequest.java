package dev.voiceplugin.impl.testing.fake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the fake provider received it (WebSocket handshakes included).
 *
 * @param headers header names in lower case, each with every value in order
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
  public RecordedRequest {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a header (e.g. to see that Accept was sent once). */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return method + " " + path + (query == null ? "" : "?" + query);
  }
}
