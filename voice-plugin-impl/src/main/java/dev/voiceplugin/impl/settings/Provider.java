package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which realtime provider a tenant talks to. */
public enum Provider {
  OPENAI("openai"),
  AZURE("azure");

  private final String wire;

  Provider(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static Provider fromWire(String value) {
    for (Provider p : values()) {
      if (p.wire.equals(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException("provider must be openai or azure");
  }
}
