package dev.voiceplugin.impl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A browser's end of the relay for tests: a real WebSocket (the JDK's) that records every event the
 * relay sends and the close it gets. It reads only on demand, so {@link #stopReading()} leaves the
 * relay's writes unread exactly as a stuck browser tab would.
 */
public final class RelayClient implements WebSocket.Listener, AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final List<JsonNode> events = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<int[]> closeCode = new CompletableFuture<>();
  private volatile String closeReason = "";
  private volatile boolean reading = true;
  private volatile WebSocket socket;

  /** Connects to {@code url} (ws://…), sending {@code origin} as the Origin header when not null. */
  public static RelayClient connect(URI url, String origin, String... headers) {
    RelayClient client = new RelayClient();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    // What a browser also sends on the upgrade: its cookies or the host's sign-in (the host's own filters see it).
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    client.socket = builder.buildAsync(url, client).join();
    return client;
  }

  public void send(String json) {
    socket.sendText(json, true).join();
  }

  public CompletableFuture<WebSocket> sendAsync(String json) {
    return socket.sendText(json, true);
  }

  public void sendBinary(byte[] data) {
    socket.sendBinary(ByteBuffer.wrap(data), true).join();
  }

  public void stopReading() {
    reading = false;
  }

  /** Reads again (what was left unread, then any close behind it). */
  public void resumeReading() {
    reading = true;
    socket.request(1);
  }

  /** Waits for an event that matches and returns it. */
  public JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        for (JsonNode e : events) {
          if (match.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching relay event within " + timeout + "; got " + types()
              + (closeCode.isDone() ? ", closed " + closeCode.join()[0] + " " + closeReason : ""));
        }
        events.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  public JsonNode awaitType(String type, Duration timeout) throws InterruptedException {
    return await(e -> type.equals(e.path("type").asText()), timeout);
  }

  public List<JsonNode> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  public List<String> types() {
    synchronized (events) {
      return events.stream().map(e -> e.path("type").asText()).toList();
    }
  }

  /** The close code the relay sent (waits for it). */
  public int awaitClose(Duration timeout) throws Exception {
    return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS)[0];
  }

  public String closeReason() {
    return closeReason;
  }

  public boolean closed() {
    return closeCode.isDone();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      JsonNode event;
      try {
        event = Json.mapper().readTree(partial.toString());
      } catch (java.io.IOException e) {
        throw new AssertionError("the relay sent text that is not JSON: " + partial, e);
      }
      partial.setLength(0);
      synchronized (events) {
        events.add(event);
        events.notifyAll();
      }
    }
    if (reading) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    closeCode.complete(new int[] {statusCode});
    synchronized (events) {
      events.notifyAll();
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.complete(new int[] {1006});
  }

  @Override
  public void close() {
    WebSocket s = socket;
    if (s != null && !s.isOutputClosed()) {
      s.sendClose(1000, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
    }
    if (s != null) {
      s.abort();
    }
  }

  /** A browser's {@code input_audio_buffer.append} of {@code ms} of a 220 Hz tone, 24 kHz PCM16, as the widget sends it. */
  public static String toneAppend(int ms) {
    byte[] pcm = new byte[ms * 48];
    for (int i = 0; i < pcm.length; i += 2) {
      short sample = (short) (6000 * Math.sin(2 * Math.PI * 220 * (i / 2) / 24000.0));
      pcm[i] = (byte) sample;
      pcm[i + 1] = (byte) (sample >> 8);
    }
    return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + java.util.Base64.getEncoder().encodeToString(pcm) + "\"}";
  }
}
