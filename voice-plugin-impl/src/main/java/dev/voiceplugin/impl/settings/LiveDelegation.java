package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a GPT-Live session does with the tasks its voice model delegates.
 *
 * @param type {@code off}: no delegation is configured (the voice model answers from what it
 *     knows); {@code responses}: the provider runs {@code model} on the Responses API for them
 * @param model the Responses model (for Azure: its deployment name); required for {@code responses}, null for {@code off}
 * @param webSearch whether that model may search the web (GPT-Live's hosted {@code web_search}
 *     tool, billed by the provider as a Responses tool); null means no; must be null for {@code off}
 */
public record LiveDelegation(
    @NotNull Type type,
    @Size(max = 128) @Pattern(regexp = ModelNames.PATTERN, message = ModelNames.MESSAGE) String model,
    Boolean webSearch) {

  public static final LiveDelegation OFF = new LiveDelegation(Type.OFF, null, null);

  /** Whether the Responses model may search the web. */
  public boolean searchesTheWeb() {
    return Boolean.TRUE.equals(webSearch);
  }

  /** Off, or a Responses model run by the provider. */
  public enum Type {
    OFF("off"),
    RESPONSES("responses");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static Type fromWire(String value) {
      for (Type t : values()) {
        if (t.wire.equals(value)) {
          return t;
        }
      }
      throw new IllegalArgumentException("must be off or responses");
    }
  }
}
