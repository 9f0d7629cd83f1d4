package dev.voiceplugin.impl.settings;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jakarta Bean Validation of settings, reporting every violation at once with a dotted field path
 * and a stable code, plus the rules that depend on configuration (instructions length) and on the
 * provider's API ({@link ProviderRules}).
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

  private static final Pattern AZURE_PORT = Pattern.compile("https://[^/:]+:([0-9]{1,5})/?");

  // The default interpolator (with Expressly for EL) renders messages such as DecimalMax's
  // "must be less than or equal to 1.0"; the parameter-only one left "${inclusive ...}" in them.
  private final Validator validator = Validation.byDefaultProvider().configure()
      .buildValidatorFactory().getValidator();
  /**
   * GPT-Live limits instructions to 16,384 tokens; as a token of ordinary text covers at least one
   * character, this many characters stay within it (the provider refuses the rare text that does not).
   */
  public static final int DEFAULT_LIVE_INSTRUCTIONS_MAX_CHARS = 16_384;

  private final int instructionsMaxChars;
  private final int liveInstructionsMaxChars;
  private final AzureEndpointPolicy azureEndpoints;

  public SettingsValidator(int instructionsMaxChars) {
    this(instructionsMaxChars, AzureEndpointPolicy.DEFAULT);
  }

  public SettingsValidator(int instructionsMaxChars, AzureEndpointPolicy azureEndpoints) {
    this(instructionsMaxChars, DEFAULT_LIVE_INSTRUCTIONS_MAX_CHARS, azureEndpoints);
  }

  /** @param liveInstructionsMaxChars the instructions limit of the GPT-Live providers ({@code VOICE_LIVE_INSTRUCTIONS_MAX_CHARS}) */
  public SettingsValidator(int instructionsMaxChars, int liveInstructionsMaxChars, AzureEndpointPolicy azureEndpoints) {
    this.instructionsMaxChars = instructionsMaxChars;
    this.liveInstructionsMaxChars = liveInstructionsMaxChars;
    this.azureEndpoints = azureEndpoints;
  }

  public int instructionsMaxChars() {
    return instructionsMaxChars;
  }

  public int liveInstructionsMaxChars() {
    return liveInstructionsMaxChars;
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
    ProviderRules.check(settings, prefix, instructionsMaxChars, liveInstructionsMaxChars, errors);
    if (settings.azure() != null && settings.azure().endpoint() != null && settings.azure().endpoint().startsWith("https://")
        && !azureEndpoints.allows(settings.azure().endpoint())) {
      errors.add(new FieldError(prefix + "azure.endpoint", "host_not_allowed",
          "must be an Azure OpenAI resource host (" + String.join(", ", azureEndpoints.patterns()) + ")"));
    }
    azurePort(settings.azure()).ifPresent(problem -> errors.add(new FieldError(prefix + "azure.endpoint", "out_of_range", problem)));
    textProblems(settings, prefix, errors);
    errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::code));
    return errors;
  }

  /** The pattern allows up to five digits; only 1 to 65535 is a port. */
  private static Optional<String> azurePort(AzureSettings azure) {
    if (azure == null || azure.endpoint() == null) {
      return Optional.empty();
    }
    Matcher port = AZURE_PORT.matcher(azure.endpoint());
    if (!port.matches()) {
      return Optional.empty();
    }
    int value = Integer.parseInt(port.group(1));
    return value >= 1 && value <= 65_535 ? Optional.empty()
        : Optional.of("must name a port from 1 to 65535, was " + port.group(1));
  }

  /** Every free-text field, checked for characters that cannot be stored (see {@link TextCheck}). */
  private static void textProblems(RealtimeSettings settings, String prefix, List<FieldError> errors) {
    Map<String, String> multiLine = new LinkedHashMap<>();
    Map<String, String> singleLine = new LinkedHashMap<>();
    multiLine.put("instructions", settings.instructions());
    if (settings.transcription() != null) {
      multiLine.put("transcription.prompt", settings.transcription().prompt());
    }
    List<IceServer> ice = settings.iceServers() == null ? List.of() : settings.iceServers();
    for (int i = 0; i < ice.size(); i++) {
      IceServer server = ice.get(i);
      if (server == null) {
        continue;
      }
      List<String> urls = server.urls() == null ? List.of() : server.urls();
      for (int u = 0; u < urls.size(); u++) {
        singleLine.put("iceServers[" + i + "].urls[" + u + "]", urls.get(u));
      }
      singleLine.put("iceServers[" + i + "].username", server.username());
      singleLine.put("iceServers[" + i + "].credential", server.credential());
    }
    multiLine.forEach((field, value) -> TextCheck.problem(value, false)
        .ifPresent(problem -> errors.add(new FieldError(prefix + field, "invalid_character", problem))));
    singleLine.forEach((field, value) -> TextCheck.problem(value, true)
        .ifPresent(problem -> errors.add(new FieldError(prefix + field, "invalid_character", problem))));
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
