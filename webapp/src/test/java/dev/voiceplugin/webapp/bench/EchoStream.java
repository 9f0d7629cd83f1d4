package dev.voiceplugin.webapp.bench;

import dev.voiceplugin.impl.testing.fake.FakeEvents;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One session of {@link EchoUpstream}: confirms the first session.update, then answers every append
 * with a delta of the same audio, opening and ending an assistant item every {@code turnFrames}.
 * Public because Jetty calls a listener through public method handles.
 */
public final class EchoStream extends Session.Listener.AbstractAutoDemanding {
  private final EchoUpstream upstream;
  private boolean configured;
  private int frames;
  private int items;

  EchoStream(EchoUpstream upstream) {
    this.upstream = upstream;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    super.onWebSocketOpen(session);
    upstream.open.add(this);
    send("{\"type\":\"session.created\",\"event_id\":\"event_c\",\"session\":{\"type\":\"realtime\",\"id\":\"sess_bench\","
        + "\"model\":\"gpt-realtime\"}}");
  }

  @Override
  public void onWebSocketText(String message) {
    if (!configured) {
      if (!message.contains("\"session.update\"")) {
        getSession().close(1008, "the first client event must be session.update", Callback.NOOP);
        return;
      }
      configured = true;
      send("{\"type\":\"session.updated\",\"event_id\":\"event_u\",\"session\":{\"type\":\"realtime\",\"id\":\"sess_bench\","
          + "\"model\":\"gpt-realtime\",\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}},"
          + "\"output\":{\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}}}}}");
      return;
    }
    long now = Frames.now();
    long sentAt = Frames.stamp(message, Frames.APPEND_PREFIX);
    if (sentAt == 0) {
      return;
    }
    upstream.stats.up(now - sentAt);
    if (frames % upstream.turnFrames == 0) {
      items++;
      send("{\"type\":\"response.created\",\"event_id\":\"event_r\",\"response\":{\"id\":\"resp_" + items
          + "\",\"object\":\"realtime.response\",\"status\":\"in_progress\"}}");
    }
    frames++;
    send(Frames.delta(Frames.now(), "item_" + items, Frames.audio(message)));
    if (frames % upstream.turnFrames == 0) {
      send("{\"type\":\"response.output_audio.done\",\"event_id\":\"event_d\",\"response_id\":\"resp_" + items
          + "\",\"item_id\":\"item_" + items + "\",\"output_index\":0,\"content_index\":0}");
      // Usage as the provider reports it: the relay hands it to the supervisor, which records it in PostgreSQL.
      int audioTokens = upstream.turnFrames / 2;
      send(FakeEvents.responseDone("resp_" + items, 10, audioTokens, 0, 5, audioTokens));
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    upstream.open.remove(this);
    super.onWebSocketClose(statusCode, reason);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    upstream.open.remove(this);
  }

  /** Jetty queues sends behind each other, so the answer goes out without blocking this read; a failed one is counted. */
  private void send(String text) {
    Session s = getSession();
    if (s != null && s.isOpen()) {
      s.sendText(text, Callback.from(() -> { }, failure -> upstream.sendFailures.incrementAndGet()));
    }
  }
}
