package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether the widget offers push-to-talk: never, as a switch the user turns on, or switched on from
 * the start. While it is on, the widget itself turns the provider's turn detection off for the call.
 * Realtime only: GPT-Live takes only mute and unmute from the browser, so it must stay {@code off}.
 */
public enum PushToTalk {
  OFF("off"),
  OFFERED("offered"),
  ON("on");

  private final String wire;

  PushToTalk(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static PushToTalk fromWire(String value) {
    for (PushToTalk m : values()) {
      if (m.wire.equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("must be off, offered or on");
  }
}
