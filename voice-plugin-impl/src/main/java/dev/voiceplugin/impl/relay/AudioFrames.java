package dev.voiceplugin.impl.relay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.voiceplugin.impl.web.Json;
import java.io.IOException;

/**
 * The relay's fast reading of the two events that make up nearly all of its traffic, the browser's
 * {@code input_audio_buffer.append} and the provider's {@code response.output_audio.delta}: one pass
 * of Jackson's streaming parser, without a tree and without a {@code String} of the audio (about
 * 12 % of the relay's CPU and a fifth of its allocation went to building trees of audio frames).
 * Anything that is not plainly one of them, down to a repeated key, answers "not one": the caller
 * then reads it the careful way, so the fast path can only ever accept less.
 */
final class AudioFrames {
  private static final String APPEND = "input_audio_buffer.append";
  private static final String DELTA = "response.output_audio.delta";

  /** A provider audio delta: the item it belongs to and the size of its base64 audio. */
  record Delta(String itemId, int base64Chars, int padding) {}

  private AudioFrames() {}

  /** True when {@code text} is exactly an append with a string {@code audio} (and, optionally, an {@code event_id}). */
  static boolean isPlainAppend(String text) {
    try (JsonParser p = Json.mapper().getFactory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean type = false;
      boolean audio = false;
      boolean eventId = false;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> {
            if (type || value != JsonToken.VALUE_STRING || !APPEND.equals(p.getText())) {
              return false;
            }
            type = true;
          }
          case "audio" -> {
            // The audio's characters are skipped, never copied: its value is not asked for.
            if (audio || value != JsonToken.VALUE_STRING) {
              return false;
            }
            audio = true;
          }
          case "event_id" -> {
            if (eventId || value.isStructStart()) {
              return false;
            }
            eventId = true;
          }
          default -> {
            return false;
          }
        }
      }
      return type && audio && p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
    } catch (IOException notJson) {
      return false;
    }
  }

  /** The delta's facts when {@code text} is plainly a provider audio delta with a string {@code delta}; else null. */
  static Delta outputDelta(String text) {
    try (JsonParser p = Json.mapper().getFactory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      boolean type = false;
      String itemId = null;
      int chars = -1;
      int padding = 0;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> {
            if (type || value != JsonToken.VALUE_STRING || !DELTA.equals(p.getText())) {
              return null;
            }
            type = true;
          }
          case "item_id" -> {
            if (itemId != null || value != JsonToken.VALUE_STRING) {
              return null;
            }
            itemId = p.getText();
          }
          case "delta" -> {
            if (chars >= 0 || value != JsonToken.VALUE_STRING) {
              return null;
            }
            // Read in the parser's own buffer: the audio is measured, not turned into a String.
            char[] buffer = p.getTextCharacters();
            int offset = p.getTextOffset();
            chars = p.getTextLength();
            boolean last = chars >= 1 && buffer[offset + chars - 1] == '=';
            padding = last && chars >= 2 && buffer[offset + chars - 2] == '=' ? 2 : last ? 1 : 0;
          }
          default -> p.skipChildren();
        }
      }
      boolean whole = p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
      return whole && type && chars >= 0 ? new Delta(itemId == null ? "" : itemId, chars, padding) : null;
    } catch (IOException notJson) {
      return null;
    }
  }
}
