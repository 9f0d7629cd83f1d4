package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;

/** The GA {@code max_output_tokens}: a whole number 1..4096, or {@code "inf"}. Serialised the same way. */
public record MaxOutputTokens(OptionalInt limit) {
  public static final int MAX = 4096;
  public static final MaxOutputTokens INFINITE = new MaxOutputTokens(OptionalInt.empty());

  public MaxOutputTokens {
    if (limit.isPresent() && (limit.getAsInt() < 1 || limit.getAsInt() > MAX)) {
      throw new IllegalArgumentException("maxOutputTokens must be 1-4096 or \"inf\"");
    }
  }

  public static MaxOutputTokens of(int limit) {
    return new MaxOutputTokens(OptionalInt.of(limit));
  }

  @JsonCreator
  public static MaxOutputTokens fromJson(JsonNode node) {
    if (node.isTextual() && node.asText().equals("inf")) {
      return INFINITE;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return of(node.intValue());
    }
    throw new IllegalArgumentException("maxOutputTokens must be 1-4096 or \"inf\"");
  }

  @JsonValue
  public Object toJson() {
    return limit.isPresent() ? (Object) limit.getAsInt() : "inf";
  }
}
