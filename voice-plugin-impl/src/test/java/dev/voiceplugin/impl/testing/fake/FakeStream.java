package dev.voiceplugin.impl.testing.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The provider's side of one Realtime WebSocket session ({@code /v1/realtime?model=…}), as a relay
 * sees it, and strict about it: it opens with {@code session.created}, demands that the first
 * client event be a {@code session.update} that matches the published schema with PCM16 at 24 kHz
 * both ways, answers {@code session.updated}, and only then takes audio. Audio it receives it
 * echoes once committed (or after {@link #ECHO_AFTER_MS} of it): {@code speech_started},
 * {@code speech_stopped}, the transcript, the same audio back as {@code response.output_audio.delta}
 * and {@code response.done} with usage. A truncate past the end of an item is refused as the
 * provider refuses it. Tests can also speak, send any event, stop reading, or close.
 */
public final class FakeStream implements Session.Listener {
  /** Echo once this much audio has arrived without a commit (the fake's "server VAD"). */
  public static final int ECHO_AFTER_MS = 600;
  private static final int BYTES_PER_MS = 48;
  private static final Set<String> CLIENT_EVENTS = Set.of("session.update", "input_audio_buffer.append",
      "input_audio_buffer.commit", "input_audio_buffer.clear", "conversation.item.create", "conversation.item.truncate",
      "response.create", "response.cancel");

  private final String model;
  private final Consumer<String> violations;
  private final List<JsonNode> received = new ArrayList<>();
  private final Map<String, Long> itemAudioBytes = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicInteger items = new AtomicInteger();
  private final AtomicInteger pings = new AtomicInteger();
  private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
  private volatile Session session;
  private volatile boolean configured;
  private volatile boolean paused;
  private volatile boolean echo = true;
  private volatile int clientCloseCode = -1;

  private final boolean confirms;

  FakeStream(String model, Consumer<String> violations, boolean confirms) {
    this.model = model;
    this.violations = violations;
    this.confirms = confirms;
  }

  // ---- what tests see and do

  public String model() {
    return model;
  }

  /** Every client event received, in order. */
  public List<JsonNode> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Waits for a client event that matches. */
  public JsonNode awaitEvent(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (true) {
        for (JsonNode e : received) {
          if (match.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching client event within " + timeout + "; received " + types());
        }
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  public long count(String type) {
    synchronized (received) {
      return received.stream().filter(e -> type.equals(e.path("type").asText())).count();
    }
  }

  public boolean configured() {
    return configured;
  }

  public int pings() {
    return pings.get();
  }

  /** Whether received audio is echoed back (on by default). */
  public void echo(boolean on) {
    this.echo = on;
  }

  /** Speaks {@code ms} of silence-free audio as item {@code itemId}, in 100 ms deltas, then ends the response. */
  public void speak(String itemId, int ms) {
    byte[] audio = new byte[ms * BYTES_PER_MS];
    for (int i = 0; i < audio.length; i += 2) {
      short sample = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i / 2) / 24000.0));
      audio[i] = (byte) sample;
      audio[i + 1] = (byte) (sample >> 8);
    }
    respond(itemId, audio, "Hello from the fake provider.");
  }

  /** Sends any server event as it is. */
  public void send(String json) {
    await(c -> session.sendText(json, c));
  }

  /** Stops reading (the relay's writes back up) until {@link #resume}. */
  public void pause() {
    paused = true;
  }

  public void resume() {
    if (paused) {
      paused = false;
      demand();
    }
  }

  public void close(int code, String reason) {
    session.close(code, reason, Callback.NOOP);
  }

  public CompletableFuture<Void> closed() {
    return closed;
  }

  /** The close code the relay sent, or -1 (none yet, or the fake closed first). */
  public int clientCloseCode() {
    return clientCloseCode;
  }

  // ---- Jetty

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    ObjectNode created = event("session.created");
    ObjectNode s = created.putObject("session").put("type", "realtime").put("id", "sess_fake").put("model", model)
        .put("instructions", "The provider's default instructions.");
    ObjectNode audio = s.putObject("audio");
    audio.putObject("input").putObject("format").put("type", "audio/pcm").put("rate", 24000);
    audio.putObject("output").put("voice", "alloy").putObject("format").put("type", "audio/pcm").put("rate", 24000);
    send(created.toString());
    session.demand();
  }

  @Override
  public void onWebSocketText(String message) {
    JsonNode event;
    try {
      event = Json.mapper().readTree(message);
    } catch (Exception e) {
      event = null;
    }
    if (event == null || !event.isObject() || !event.path("type").isTextual()) {
      violations.accept("relay stream: a client event must be a JSON object with a type");
    } else {
      synchronized (received) {
        received.add(event);
        received.notifyAll();
      }
      handle(event);
    }
    demand();
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    violations.accept("relay stream: the Realtime API takes no binary messages");
    callback.succeed();
    demand();
  }

  @Override
  public void onWebSocketPing(ByteBuffer payload) {
    pings.incrementAndGet();
    session.sendPong(payload, Callback.NOOP);
    demand();
  }

  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    demand();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    clientCloseCode = statusCode;
    closed.complete(null);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    closed.complete(null);
  }

  // ---- the protocol

  private void handle(JsonNode event) {
    String type = event.get("type").asText();
    if (!CLIENT_EVENTS.contains(type)) {
      violations.accept("relay stream: the relay forwarded a client event it should not have: " + type);
      return;
    }
    if (!configured) {
      if (!"session.update".equals(type)) {
        violations.accept("relay stream: the first client event must be session.update, was " + type);
        return;
      }
      configure(event);
      return;
    }
    switch (type) {
      case "input_audio_buffer.append" -> append(event);
      case "input_audio_buffer.commit" -> echoPending();
      case "conversation.item.truncate" -> truncate(event);
      case "session.update" -> send(sessionUpdated(event.path("session")).toString());
      default -> { }
    }
  }

  private void configure(JsonNode update) {
    List<String> problems = FakeRoutes.SCHEMAS.violations(update, "RealtimeClientEventSessionUpdate");
    if (!problems.isEmpty()) {
      violations.accept("relay stream: session.update does not match the schema: " + problems);
    }
    JsonNode audio = update.path("session").path("audio");
    for (String side : List.of("input", "output")) {
      JsonNode format = audio.path(side).path("format");
      if (!"audio/pcm".equals(format.path("type").asText()) || format.path("rate").asInt() != 24000) {
        violations.accept("relay stream: session.audio." + side + ".format must be audio/pcm at 24000, was " + format);
      }
    }
    if (update.path("session").has("model")) {
      violations.accept("relay stream: session.update may not carry model (it is fixed by the URL)");
    }
    configured = true;
    if (confirms) {
      send(sessionUpdated(update.path("session")).toString());
    }
  }

  private ObjectNode sessionUpdated(JsonNode session) {
    ObjectNode updated = event("session.updated");
    ObjectNode s = session.deepCopy();
    s.put("id", "sess_fake").put("model", model);
    updated.set("session", s);
    return updated;
  }

  private void append(JsonNode event) {
    byte[] audio;
    try {
      audio = Base64.getDecoder().decode(event.path("audio").asText());
    } catch (IllegalArgumentException e) {
      violations.accept("relay stream: input_audio_buffer.append audio is not base64");
      return;
    }
    if (audio.length % 2 != 0) {
      violations.accept("relay stream: PCM16 audio comes in whole samples (an even number of bytes)");
    }
    synchronized (pending) {
      pending.writeBytes(audio);
      if (pending.size() < ECHO_AFTER_MS * BYTES_PER_MS) {
        return;
      }
    }
    echoPending();
  }

  private void echoPending() {
    byte[] audio;
    synchronized (pending) {
      audio = pending.toByteArray();
      pending.reset();
    }
    if (audio.length == 0 || !echo) {
      return;
    }
    String userItem = "item_user_" + items.incrementAndGet();
    send(event("input_audio_buffer.speech_started").put("item_id", userItem).put("audio_start_ms", 0).toString());
    send(event("input_audio_buffer.speech_stopped").put("item_id", userItem).put("audio_end_ms", audio.length / BYTES_PER_MS)
        .toString());
    ObjectNode transcript = event("conversation.item.input_audio_transcription.completed").put("item_id", userItem)
        .put("content_index", 0).put("transcript", "You said something.");
    transcript.putObject("usage").put("type", "duration").put("seconds", audio.length / (double) (BYTES_PER_MS * 1000));
    send(transcript.toString());
    respond("item_asst_" + items.incrementAndGet(), audio, "I heard you.");
  }

  private void respond(String itemId, byte[] audio, String words) {
    String responseId = "resp_" + itemId;
    send(event("response.created").put("response_id", responseId).toString());
    int chunk = 100 * BYTES_PER_MS;
    for (int from = 0; from < audio.length; from += chunk) {
      byte[] part = java.util.Arrays.copyOfRange(audio, from, Math.min(audio.length, from + chunk));
      send(event("response.output_audio.delta").put("response_id", responseId).put("item_id", itemId).put("output_index", 0)
          .put("content_index", 0).put("delta", Base64.getEncoder().encodeToString(part)).toString());
    }
    itemAudioBytes.merge(itemId, (long) audio.length, Long::sum);
    send(event("response.output_audio_transcript.delta").put("response_id", responseId).put("item_id", itemId)
        .put("delta", words).toString());
    send(event("response.output_audio.done").put("response_id", responseId).put("item_id", itemId).toString());
    send(event("response.output_audio_transcript.done").put("response_id", responseId).put("item_id", itemId)
        .put("transcript", words).toString());
    ObjectNode done = event("response.done");
    ObjectNode response = done.putObject("response").put("id", responseId).put("status", "completed");
    int inAudio = Math.max(1, audio.length / 1600);
    ObjectNode usage = response.putObject("usage").put("total_tokens", inAudio * 2 + 12).put("input_tokens", inAudio + 10)
        .put("output_tokens", inAudio + 2);
    usage.putObject("input_token_details").put("text_tokens", 10).put("audio_tokens", inAudio).put("cached_tokens", 0);
    usage.putObject("output_token_details").put("text_tokens", 2).put("audio_tokens", inAudio);
    send(done.toString());
  }

  private void truncate(JsonNode event) {
    String item = event.path("item_id").asText();
    long endMs = event.path("audio_end_ms").asLong();
    long haveMs = itemAudioBytes.getOrDefault(item, 0L) / BYTES_PER_MS;
    if (endMs > haveMs) {
      violations.accept("relay stream: truncate past the end of " + item + " (" + endMs + " > " + haveMs + " ms)");
      ObjectNode error = event("error");
      error.putObject("error").put("type", "invalid_request_error").put("code", "invalid_value")
          .put("message", "Audio content of " + haveMs + "ms is already shorter than " + endMs + "ms");
      send(error.toString());
      return;
    }
    send(event("conversation.item.truncated").put("item_id", item).put("content_index", 0).put("audio_end_ms", endMs)
        .toString());
  }

  private static ObjectNode event(String type) {
    return Json.mapper().createObjectNode().put("event_id", "event_" + java.util.UUID.randomUUID().toString().substring(0, 8))
        .put("type", type);
  }

  private List<String> types() {
    return received.stream().map(e -> e.path("type").asText()).toList();
  }

  private void demand() {
    Session s = session;
    if (!paused && s != null && s.isOpen()) {
      s.demand();
    }
  }

  private static void await(Consumer<Callback> send) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    send.accept(Callback.from(() -> done.complete(null), done::completeExceptionally));
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the fake provider could not write to the relay's stream", e);
    }
  }
}
