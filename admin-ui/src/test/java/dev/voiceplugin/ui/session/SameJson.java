package dev.voiceplugin.ui.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * JSON equality as JSON means it: numbers by value. The browser re-serialises what it received
 * ({@code 1.0} becomes {@code 1}), so Jackson's type-exact {@code equals} would see a difference
 * where the provider sees none.
 */
public final class SameJson {
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return 1;
  };

  private SameJson() {}

  /** Fails unless {@code actual} is the same JSON document as {@code expected}. */
  public static void assertSameJson(JsonNode actual, JsonNode expected) {
    if (actual == null || !actual.equals(NUMBERS_BY_VALUE, expected)) {
      throw new AssertionError("not the same JSON\nexpected: " + expected + "\nactual:   " + actual);
    }
  }
}
