package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which provider API a tenant talks to: the Realtime API at OpenAI or Azure OpenAI, or GPT-Live
 * (a separate API with its own session fields, server-created sessions only) at either.
 */
public enum Provider {
  OPENAI("openai", false, false),
  AZURE("azure", true, false),
  OPENAI_LIVE("openai-live", false, true),
  AZURE_LIVE("azure-live", true, true);

  private final String wire;
  private final boolean onAzure;
  private final boolean live;

  Provider(String wire, boolean onAzure, boolean live) {
    this.wire = wire;
    this.onAzure = onAzure;
    this.live = live;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** Hosted by an Azure OpenAI (Foundry) resource: needs the {@code azure} settings and Azure credentials. */
  public boolean onAzure() {
    return onAzure;
  }

  /** GPT-Live ({@code /v1/live/sessions}) rather than the Realtime API. */
  public boolean live() {
    return live;
  }

  @JsonCreator
  public static Provider fromWire(String value) {
    for (Provider p : values()) {
      if (p.wire.equals(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException("provider must be openai, azure, openai-live or azure-live");
  }
}
