package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether the widget may fall back to the plugin's WebSocket relay when WebRTC cannot connect
 * (networks that block UDP or unknown hosts): never, when the user accepts the offer, or by itself.
 * A relayed session runs through this server, so it costs the platform a socket pair and some CPU.
 */
public enum RelayMode {
  OFF("off"),
  OFFER("offer"),
  AUTOMATIC("automatic");

  private final String wire;

  RelayMode(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static RelayMode fromWire(String value) {
    for (RelayMode m : values()) {
      if (m.wire.equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("must be off, offer or automatic");
  }
}
