package dev.voiceplugin.impl.provider.calls;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives a sideband's server events, one at a time, on the sideband's own thread; must not block long. */
public interface SidebandListener {
  /** One complete server event (a JSON object with a {@code type}). */
  void onEvent(JsonNode event);

  /**
   * The socket is gone: closed by the provider ({@code code} its close code), or broken
   * ({@code code} -1, {@code reason} what happened). Called once.
   */
  void onClosed(int code, String reason);
}
