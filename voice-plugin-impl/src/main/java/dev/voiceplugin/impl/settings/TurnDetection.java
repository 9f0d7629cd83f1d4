package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How the model decides that the user finished speaking. One flat shape for all three types so a
 * form can edit it; options that do not apply to the chosen type must be null.
 *
 * @param type {@code none} (manual turns), {@code server_vad} or {@code semantic_vad}
 * @param threshold server_vad: activation threshold 0..1
 * @param prefixPaddingMs server_vad: audio kept before speech starts
 * @param silenceDurationMs server_vad: silence that ends a turn
 * @param idleTimeoutMs server_vad: 5000..30000, or null for none
 * @param eagerness semantic_vad: low, medium, high or auto
 * @param createResponse server/semantic VAD: respond automatically when a turn ends
 * @param interruptResponse server/semantic VAD: let the user interrupt the assistant
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TurnDetection(
    @NotNull Type type,
    @DecimalMin(value = "0.0") @DecimalMax(value = "1.0") Double threshold,
    @Min(0) @Max(10_000) Integer prefixPaddingMs,
    @Min(0) @Max(10_000) Integer silenceDurationMs,
    @Min(5_000) @Max(30_000) Integer idleTimeoutMs,
    Eagerness eagerness,
    Boolean createResponse,
    Boolean interruptResponse) {

  public static TurnDetection none() {
    return new TurnDetection(Type.NONE, null, null, null, null, null, null, null);
  }

  public static TurnDetection serverVad() {
    return new TurnDetection(Type.SERVER_VAD, 0.5, 300, 500, null, null, true, true);
  }

  @AssertTrue(message = "threshold, prefixPaddingMs and silenceDurationMs are required for server_vad")
  boolean isServerVadComplete() {
    return type != Type.SERVER_VAD || (threshold != null && prefixPaddingMs != null && silenceDurationMs != null);
  }

  @AssertTrue(message = "eagerness is required for semantic_vad and allowed only there")
  boolean isEagernessConsistent() {
    return type == null || (type == Type.SEMANTIC_VAD) == (eagerness != null);
  }

  @AssertTrue(message = "threshold, paddings and idle timeout apply only to server_vad")
  boolean isServerVadOnlyOptionsConsistent() {
    return type == null || type == Type.SERVER_VAD
        || (threshold == null && prefixPaddingMs == null && silenceDurationMs == null && idleTimeoutMs == null);
  }

  @AssertTrue(message = "createResponse and interruptResponse do not apply when turn detection is none")
  boolean isNoneWithoutOptions() {
    return type != Type.NONE || (createResponse == null && interruptResponse == null);
  }

  /** The turn-detection types of the GA API, plus {@code none}. */
  public enum Type {
    NONE("none"),
    SERVER_VAD("server_vad"),
    SEMANTIC_VAD("semantic_vad");

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
      throw new IllegalArgumentException("type must be none, server_vad or semantic_vad");
    }
  }

  /** semantic_vad eagerness. */
  public enum Eagerness {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    AUTO("auto");

    private final String wire;

    Eagerness(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static Eagerness fromWire(String value) {
      for (Eagerness e : values()) {
        if (e.wire.equals(value)) {
          return e;
        }
      }
      throw new IllegalArgumentException("eagerness must be low, medium, high or auto");
    }
  }
}
