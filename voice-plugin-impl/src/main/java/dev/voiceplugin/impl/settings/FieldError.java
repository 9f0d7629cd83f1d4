package dev.voiceplugin.impl.settings;

import java.util.Objects;

/** One rejected field of a request: its dotted path, a stable code and a message for people. */
public record FieldError(String field, String code, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
