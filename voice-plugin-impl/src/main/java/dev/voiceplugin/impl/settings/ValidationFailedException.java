package dev.voiceplugin.impl.settings;

import dev.voiceplugin.impl.VoicePluginException;
import java.util.List;
import java.util.Map;

/** The request had invalid fields; every one of them is listed in {@code errors}, and nothing was saved. */
public final class ValidationFailedException extends VoicePluginException {
  public ValidationFailedException(List<FieldError> errors) {
    super(400, "validation_failed", errors.size() == 1
            ? "One field is invalid: " + errors.get(0).field() + " " + errors.get(0).message() + "."
            : errors.size() + " fields are invalid.",
        "Correct the fields listed in 'errors' and send the request again; nothing was saved.",
        Map.of("errors", List.copyOf(errors)), null);
  }
}
