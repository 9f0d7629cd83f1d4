package dev.voiceplugin.impl.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.RealtimeSettings.NoiseReduction;
import dev.voiceplugin.impl.settings.RealtimeSettings.OutputModality;
import dev.voiceplugin.impl.settings.Transcription;
import dev.voiceplugin.impl.settings.TurnDetection;
import dev.voiceplugin.impl.web.Json;
import java.util.Objects;

/**
 * Turns a tenant's {@link RealtimeSettings} into the GA Realtime {@code session} object, in the two
 * places it is needed: the body that mints a client secret (server to provider) and the
 * {@code session.update} event the widget sends over the data channel.
 *
 * <p>Only fields of the published GA schemas ({@code RealtimeSessionCreateRequestGA}) are written:
 * the provider answers any beta field ({@code modalities}, {@code temperature}, a top-level
 * {@code voice}, ...) with {@code 400 unknown_parameter}. No field is ever null except
 * {@code turn_detection} for manual turns: its schema has a {@code "null"} alternative, and left out
 * the provider would apply its default server VAD. Transcription and noise reduction are typed as
 * objects (a schema validator answers null with "must be object"), so when off they are left out:
 * both default to off at the mint, and the {@code session.update} that follows only repeats the
 * minted session, where an absent field keeps them off.
 */
public final class RealtimeSessionConfig {
  private RealtimeSessionConfig() {}

  /** The body of {@code POST .../realtime/client_secrets}: expiry plus the session with its model. */
  public static ObjectNode clientSecretRequest(RealtimeSettings settings) {
    return clientSecretRequest(settings, settings.clientSecretTtlSeconds());
  }

  /**
   * The same body with another lifetime: a secret that never leaves the server (Azure's two-step
   * server-controlled call) needs only a few seconds, not the tenant's browser TTL.
   */
  public static ObjectNode clientSecretRequest(RealtimeSettings settings, int ttlSeconds) {
    return clientSecretRequest(settings, Integer.valueOf(ttlSeconds));
  }

  private static ObjectNode clientSecretRequest(RealtimeSettings settings, Integer ttlSeconds) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.putObject("expires_after")
        .put("anchor", "created_at")
        .put("seconds", ttlSeconds);
    body.set("session", mintSession(settings));
    return body;
  }

  /** The session to mint, including {@code model} (for Azure: the deployment name). */
  public static ObjectNode mintSession(RealtimeSettings settings) {
    return session(settings, true);
  }

  /**
   * The {@code session.update} event for the data channel. It has no {@code model}: the model is
   * fixed by the client secret and cannot change in {@code session.update}.
   */
  public static ObjectNode sessionUpdateEvent(RealtimeSettings settings) {
    ObjectNode event = Json.mapper().createObjectNode();
    event.put("type", "session.update");
    event.set("session", session(settings, false));
    return event;
  }

  /**
   * The {@code session.update} the relay sends first on its own Realtime WebSocket: the tenant's
   * session with the relay's audio formats (PCM16 mono at 24 kHz, the only PCM rate the API takes),
   * which WebRTC negotiates by itself.
   */
  public static ObjectNode relaySessionUpdateEvent(RealtimeSettings settings) {
    ObjectNode event = sessionUpdateEvent(settings);
    ObjectNode audio = (ObjectNode) event.get("session").get("audio");
    ((ObjectNode) audio.get("input")).putObject("format").put("type", "audio/pcm").put("rate", 24000);
    ((ObjectNode) audio.get("output")).putObject("format").put("type", "audio/pcm").put("rate", 24000);
    return event;
  }

  private static ObjectNode session(RealtimeSettings settings, boolean withModel) {
    Objects.requireNonNull(settings, "settings");
    ObjectNode session = Json.mapper().createObjectNode();
    session.put("type", "realtime");
    if (withModel) {
      session.put("model", settings.model());
    }
    // A blank prompt is left out so the provider's default instructions apply, rather than none at all.
    if (settings.instructions() != null && !settings.instructions().isBlank()) {
      session.put("instructions", settings.instructions());
    }
    var modalities = session.putArray("output_modalities");
    settings.outputModalities().stream().map(OutputModality::wire).forEach(modalities::add);
    ObjectNode audio = session.putObject("audio");
    ObjectNode input = audio.putObject("input");
    if (settings.transcription() != null) {
      input.set("transcription", transcription(settings.transcription()));
    }
    input.set("turn_detection", turnDetection(settings.turnDetection()));
    if (settings.noiseReduction() != null && settings.noiseReduction() != NoiseReduction.OFF) {
      input.putObject("noise_reduction").put("type", settings.noiseReduction().wire());
    }
    ObjectNode output = audio.putObject("output");
    if (settings.customVoice()) {
      output.putObject("voice").put("id", settings.voice());
    } else {
      output.put("voice", settings.voice());
    }
    output.put("speed", settings.speed());
    session.set("max_output_tokens", Json.mapper().valueToTree(settings.maxOutputTokens()));
    return session;
  }

  private static ObjectNode transcription(Transcription transcription) {
    ObjectNode node = Json.mapper().createObjectNode().put("model", transcription.model());
    if (transcription.language() != null && !transcription.language().isBlank()) {
      node.put("language", transcription.language());
    }
    if (transcription.prompt() != null && !transcription.prompt().isBlank()) {
      node.put("prompt", transcription.prompt());
    }
    return node;
  }

  private static ObjectNode turnDetection(TurnDetection turn) {
    if (turn == null || turn.type() == TurnDetection.Type.NONE) {
      return null;
    }
    ObjectNode node = Json.mapper().createObjectNode().put("type", turn.type().wire());
    if (turn.type() == TurnDetection.Type.SERVER_VAD) {
      putIfPresent(node, "threshold", turn.threshold());
      putIfPresent(node, "prefix_padding_ms", turn.prefixPaddingMs());
      putIfPresent(node, "silence_duration_ms", turn.silenceDurationMs());
      putIfPresent(node, "idle_timeout_ms", turn.idleTimeoutMs());
    } else {
      node.put("eagerness", turn.eagerness() == null ? "auto" : turn.eagerness().wire());
    }
    putIfPresent(node, "create_response", turn.createResponse());
    putIfPresent(node, "interrupt_response", turn.interruptResponse());
    return node;
  }

  // Absent options take the provider's documented defaults instead of being sent as null.
  private static void putIfPresent(ObjectNode node, String field, Object value) {
    if (value != null) {
      node.set(field, Json.mapper().valueToTree(value));
    }
  }
}
