package dev.voiceplugin.impl.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;
import java.util.List;
import java.util.function.Consumer;

/** Switches a tenant's settings document to GPT-Live, as the settings screen does: Realtime-only fields null, GPT-Live's own set. */
final class LiveSettingsJson {
  static final List<String> REALTIME_ONLY = List.of("outputModalities", "turnDetection", "transcription", "noiseReduction", "speed",
      "maxOutputTokens", "clientSecretTtlSeconds");

  private LiveSettingsJson() {}

  static void toLive(ObjectNode s) {
    s.put("provider", "openai-live").put("model", "gpt-live-1.1").put("voice", "marin");
    REALTIME_ONLY.forEach(s::putNull);
    ObjectNode live = s.putObject("live");
    live.putObject("delegation").put("type", "off");
    live.putArray("browserEvents").add("session.input_audio.mute").add("session.input_audio.unmute");
  }

  /** Reads the tenant's settings, applies {@code change}, saves with If-Match; returns the reply. */
  static ApiClient.Reply save(ApiClient api, String[] admin, Consumer<ObjectNode> change) {
    ApiClient.Reply current = api.get("/api/v1/realtime-settings", admin);
    ObjectNode settings = (ObjectNode) current.json().get("settings");
    change.accept(settings);
    ObjectNode body = settings.objectNode();
    body.set("settings", settings);
    String[] headers = java.util.Arrays.copyOf(admin, admin.length + 2);
    headers[admin.length] = "If-Match";
    headers[admin.length + 1] = current.header("ETag");
    return api.put("/api/v1/realtime-settings", body, headers);
  }
}
