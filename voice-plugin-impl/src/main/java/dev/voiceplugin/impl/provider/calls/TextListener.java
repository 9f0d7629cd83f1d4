package dev.voiceplugin.impl.provider.calls;

import java.util.concurrent.CompletionStage;

/**
 * Receives a provider socket's messages as text, one at a time, in order, on the socket's own
 * serial executor (or its own thread, see {@link #nonBlocking}). The relay uses it to forward events without re-encoding them, and to slow the
 * provider down while the browser is behind: the next message is requested from the provider only
 * when the stage returned for this one completes.
 */
public interface TextListener {
  /** One complete text message; returns when to read the next one (null: at once). */
  CompletionStage<?> onText(String message);

  /**
   * True when {@link #onText} never blocks (no database, no waiting): it is then called on the
   * socket loop's selector thread, which serves other provider sockets too, one hop fewer per
   * message; false runs it on the serial executor.
   */
  default boolean nonBlocking() {
    return false;
  }

  /** As {@link SidebandListener#onClosed}: called once, after every message received before it. */
  void onClosed(int code, String reason);
}
