package dev.voiceplugin.impl.provider.calls;

import java.util.concurrent.CompletionStage;

/**
 * Receives a provider socket's messages as text, one at a time, in order, on the socket's own
 * serial executor. The relay uses it to forward events without re-encoding them, and to slow the
 * provider down while the browser is behind: the next message is requested from the provider only
 * when the stage returned for this one completes.
 */
public interface TextListener {
  /** One complete text message; returns when to read the next one (null: at once). */
  CompletionStage<?> onText(String message);

  /** As {@link SidebandListener#onClosed}: called once, after every message received before it. */
  void onClosed(int code, String reason);
}
