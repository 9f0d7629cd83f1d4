package dev.voiceplugin.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.testing.ApiClient;

/** The settings API as a second administrator (or the test itself) uses it, next to the page. */
public final class SettingsApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ApiClient api;

  public SettingsApi(ApiClient api) {
    this.api = api;
  }

  /** The current settings document; fails unless 200. */
  public JsonNode document() {
    ApiClient.Reply reply = api.get("/api/v1/realtime-settings");
    assertThat(reply.status()).as("GET realtime-settings: %s", reply).isEqualTo(200);
    return reply.json();
  }

  /** The raw reply of GET realtime-settings, to look at exactly what is sent. */
  public ApiClient.Reply documentReply() {
    return api.get("/api/v1/realtime-settings");
  }

  /** A copy of the current settings, to change and {@link #save}. */
  public ObjectNode settings() {
    return document().get("settings").deepCopy();
  }

  /** Saves complete settings over the current version; returns the new document. */
  public JsonNode save(ObjectNode settings) {
    long version = document().get("version").asLong();
    ObjectNode body = JSON.createObjectNode();
    body.set("settings", settings);
    ApiClient.Reply reply = api.put("/api/v1/realtime-settings", body, "If-Match", "\"" + version + "\"",
        "X-Requested-With", "voice-plugin");
    assertThat(reply.status()).as("PUT realtime-settings: %s", reply).isEqualTo(200);
    return reply.json();
  }

  /** Tries to save settings the server should refuse; returns its problem document. */
  public JsonNode tryToSave(ObjectNode settings) {
    long version = document().get("version").asLong();
    ObjectNode body = JSON.createObjectNode();
    body.set("settings", settings);
    ApiClient.Reply reply = api.put("/api/v1/realtime-settings", body, "If-Match", "\"" + version + "\"",
        "X-Requested-With", "voice-plugin");
    assertThat(reply.status()).as("PUT realtime-settings: %s", reply).isBetween(400, 499);
    return reply.json();
  }

  /** Page 0 of the history. */
  public JsonNode history() {
    ApiClient.Reply reply = api.get("/api/v1/realtime-settings/history?page=0&size=20");
    assertThat(reply.status()).as("GET history: %s", reply).isEqualTo(200);
    return reply.json();
  }
}
