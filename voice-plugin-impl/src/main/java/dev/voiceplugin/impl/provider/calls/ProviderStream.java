package dev.voiceplugin.impl.provider.calls;

import java.util.concurrent.CompletableFuture;

/**
 * A Realtime WebSocket the plugin holds to the provider for a relayed session
 * ({@code wss://…/v1/realtime?model=…}): a {@link Sideband} that also takes text as it is, so the
 * relay forwards the browser's audio without parsing and re-encoding it.
 */
public interface ProviderStream extends Sideband {
  /** Queues one client event as JSON text; fails at once when the queue is full or the socket closed. */
  CompletableFuture<Void> sendText(String json);
}
