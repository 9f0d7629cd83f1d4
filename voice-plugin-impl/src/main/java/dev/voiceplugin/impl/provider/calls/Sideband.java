package dev.voiceplugin.impl.provider.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * The server's WebSocket attached to one call. One writer: sends are queued (bounded) and written
 * one at a time; pings every 20 s. Closing is idempotent and also happens when the provider closes.
 */
public interface Sideband extends AutoCloseable {
  /** Queues a client event (e.g. {@code session.update}); fails when the queue is full or the socket closed. */
  CompletableFuture<Void> send(ObjectNode event);

  /** Closes with 1000 (normal). */
  @Override
  void close();

  boolean isOpen();
}
