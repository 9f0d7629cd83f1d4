package dev.voiceplugin.impl.transcripts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The transcript of one watched call: turns the provider's whole-line events into lines, numbers
 * them, marks an answer the user cut off, and stops at the per-call caps (the transcript is then
 * marked truncated). Lines go to the {@link TranscriptWriter}; nothing here touches the database.
 * Events come one at a time from the sideband or the relay; {@link #ended} from anywhere.
 */
public class CallTranscript {
  public static final int MAX_LINES = 2_000;
  public static final int MAX_CHARS = 200_000;
  /** A call whose transcript is not kept. */
  public static final CallTranscript NONE = new CallTranscript();

  private final UUID callId;
  private final TranscriptWriter writer;
  private final int maxLines;
  private final int maxChars;
  /** The assistant's items already stored, by item id: a later truncate marks the line. */
  private final Map<String, Integer> answers = new HashMap<>();
  /** Items truncated before their transcript was done: the line is stored interrupted. */
  private final Set<String> cutOff = new HashSet<>();
  private final Set<String> seen = new HashSet<>();
  private int seq;
  private int chars;
  private boolean truncated;
  private boolean ended;

  private CallTranscript() {
    this(null, null, 0, 0, 0, 0, false);
  }

  CallTranscript(UUID callId, TranscriptWriter writer, int maxLines, int maxChars, int lastSeq, int charsSoFar,
      boolean truncated) {
    this.callId = callId;
    this.writer = writer;
    this.maxLines = maxLines;
    this.maxChars = maxChars;
    this.seq = lastSeq;
    this.chars = charsSoFar;
    this.truncated = truncated;
  }

  /** One provider event of the call (any type: those that carry no line are ignored). */
  public synchronized void onEvent(JsonNode event, Instant at) {
    if (writer == null || ended) {
      return;
    }
    String type = event.path("type").asText("");
    switch (type) {
      case "conversation.item.input_audio_transcription.completed" ->
          line(TranscriptLine.USER, event.path("item_id").asText(null), event.path("transcript").asText(""), at);
      case "response.output_audio_transcript.done" ->
          line(TranscriptLine.ASSISTANT, event.path("item_id").asText(null), event.path("transcript").asText(""), at);
      case "response.output_text.done" ->
          line(TranscriptLine.ASSISTANT, event.path("item_id").asText(null), event.path("text").asText(""), at);
      case "conversation.item.truncated" -> interrupted(event.path("item_id").asText(""));
      case "response.done" -> {
        // A cancelled response (the user spoke or typed over it) cut off every item it had begun.
        if ("cancelled".equals(event.path("response").path("status").asText())) {
          event.path("response").path("output").forEach(item -> interrupted(item.path("id").asText("")));
        }
      }
      default -> { }
    }
  }

  /** The call is over: no more lines, and its end is stored. */
  public synchronized void ended(Instant at) {
    if (writer == null || ended) {
      return;
    }
    ended = true;
    writer.offer(new TranscriptOp.Ended(callId, at));
  }

  private void line(String role, String itemId, String text, Instant at) {
    if (text.isBlank() || (itemId != null && !seen.add(role + ':' + itemId))) {
      return; // nothing said, or a replay of a line already taken
    }
    if (truncated) {
      return; // past a cap: a transcript with gaps would misread as the whole conversation
    }
    if (seq >= maxLines || chars + text.length() > maxChars) {
      truncated = true;
      writer.offer(new TranscriptOp.Truncated(callId));
      return;
    }
    seq++;
    chars += text.length();
    boolean interrupted = TranscriptLine.ASSISTANT.equals(role) && itemId != null && cutOff.remove(itemId);
    writer.offer(new TranscriptOp.Line(callId, itemId, new TranscriptLine(seq, role, text, interrupted, at)));
    if (TranscriptLine.ASSISTANT.equals(role) && itemId != null) {
      answers.put(itemId, seq);
    }
  }

  private void interrupted(String itemId) {
    if (itemId.isEmpty()) {
      return;
    }
    Integer stored = answers.remove(itemId);
    if (stored != null) {
      writer.offer(new TranscriptOp.Interrupted(callId, stored));
    } else if (cutOff.size() < 1_000) {
      cutOff.add(itemId);
    }
  }
}
