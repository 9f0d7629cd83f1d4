package dev.voiceplugin.impl.settings;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Jakarta Bean Validation of settings, reporting every violation at once with a dotted field path
 * and a stable code, plus the rules that depend on configuration (instructions length).
 */
public final class SettingsValidator {
  /** Cross-field rules are declared as boolean methods; name the field a person should fix. */
  private static final Map<String, String> RULE_FIELDS = Map.of(
      "azureConsistent", "azure",
      "voiceKnown", "voice",
      "serverVadComplete", "turnDetection",
      "eagernessConsistent", "turnDetection.eagerness",
      "serverVadOnlyOptionsConsistent", "turnDetection",
      "noneWithoutOptions", "turnDetection");

  // The default interpolator (with Expressly for EL) renders messages such as DecimalMax's
  // "must be less than or equal to 1.0"; the parameter-only one left "${inclusive ...}" in them.
  private final Validator validator = Validation.byDefaultProvider().configure()
      .buildValidatorFactory().getValidator();
  private final int instructionsMaxChars;
  private final AzureEndpointPolicy azureEndpoints;

  public SettingsValidator(int instructionsMaxChars) {
    this(instructionsMaxChars, AzureEndpointPolicy.DEFAULT);
  }

  public SettingsValidator(int instructionsMaxChars, AzureEndpointPolicy azureEndpoints) {
    this.instructionsMaxChars = instructionsMaxChars;
    this.azureEndpoints = azureEndpoints;
  }

  public int instructionsMaxChars() {
    return instructionsMaxChars;
  }

  /** Every problem of {@code settings}, field paths prefixed with {@code prefix} (e.g. "settings."). */
  public List<FieldError> validate(RealtimeSettings settings, String prefix) {
    List<FieldError> errors = new ArrayList<>();
    if (settings == null) {
      errors.add(new FieldError(prefix.isEmpty() ? "settings" : prefix.substring(0, prefix.length() - 1), "required", "must not be null"));
      return errors;
    }
    for (ConstraintViolation<RealtimeSettings> v : validator.validate(settings)) {
      errors.add(new FieldError(prefix + fieldOf(v), codeOf(v.getConstraintDescriptor().getAnnotation()), v.getMessage()));
    }
    if (settings.instructions() != null && settings.instructions().length() > instructionsMaxChars) {
      errors.add(new FieldError(prefix + "instructions", "too_long",
          "must be at most " + instructionsMaxChars + " characters, was " + settings.instructions().length()));
    }
    if (settings.azure() != null && settings.azure().endpoint() != null && settings.azure().endpoint().startsWith("https://")
        && !azureEndpoints.allows(settings.azure().endpoint())) {
      errors.add(new FieldError(prefix + "azure.endpoint", "host_not_allowed",
          "must be an Azure OpenAI resource host (" + String.join(", ", azureEndpoints.patterns()) + ")"));
    }
    errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::code));
    return errors;
  }

  private static String fieldOf(ConstraintViolation<?> v) {
    String path = v.getPropertyPath().toString().replace(".<list element>", "").replace("<list element>", "");
    int dot = path.lastIndexOf('.');
    String last = dot < 0 ? path : path.substring(dot + 1);
    String mapped = RULE_FIELDS.get(last);
    if (mapped == null) {
      return path;
    }
    String parent = dot < 0 ? "" : path.substring(0, dot + 1);
    return parent.endsWith("turnDetection.") && mapped.startsWith("turnDetection")
        ? parent.substring(0, parent.length() - "turnDetection.".length()) + mapped
        : parent + mapped;
  }

  private static String codeOf(Annotation constraint) {
    return switch (constraint.annotationType().getSimpleName()) {
      case "NotNull", "NotBlank", "NotEmpty" -> "required";
      case "Size" -> "size";
      case "Min", "Max", "DecimalMin", "DecimalMax" -> "out_of_range";
      case "Pattern" -> "invalid_format";
      case "AssertTrue" -> "inconsistent";
      default -> "invalid";
    };
  }
}
