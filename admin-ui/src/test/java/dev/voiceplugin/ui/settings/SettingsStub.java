package dev.voiceplugin.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for {@code GET/PUT realtime-settings} and the history, for settings the real server of
 * this branch does not know yet (the call fields). Documents as the API's contract shapes them.
 */
public final class SettingsStub {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The README's example settings plus the call fields and the relay setting. */
  public static final String SETTINGS = """
      {"provider":"openai","azure":null,"model":"gpt-realtime","voice":"marin","outputModalities":["audio"],
       "instructions":"You are the voice assistant of ACME.",
       "turnDetection":{"type":"server_vad","threshold":0.5,"prefixPaddingMs":300,"silenceDurationMs":500,
         "idleTimeoutMs":null,"eagerness":null,"createResponse":true,"interruptResponse":true},
       "transcription":{"model":"gpt-4o-mini-transcribe","language":null,"prompt":null},
       "noiseReduction":"near_field","speed":1.0,"maxOutputTokens":"inf","clientSecretTtlSeconds":120,"iceServers":[],
       "connectionMode":"server","relay":"offer","maxCallMinutes":30,"maxConcurrentCalls":10,"monthlyTokenBudget":null}""";

  private final List<JsonNode> puts = new CopyOnWriteArrayList<>();
  private final Deque<String> refusals = new ArrayDeque<>();
  private volatile ObjectNode settings;
  private volatile String history = "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}";
  private volatile long version = 3;

  private SettingsStub(ObjectNode settings) {
    this.settings = settings;
  }

  /** Routes the settings API of {@code page} here, starting from {@code settingsJson}. */
  public static SettingsStub install(Page page, String settingsJson) {
    SettingsStub stub = new SettingsStub((ObjectNode) parse(settingsJson));
    page.route("**/api/v1/realtime-settings", stub::handle);
    page.route("**/api/v1/realtime-settings/history?*", route -> route.fulfill(
        new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(stub.history)));
    return stub;
  }

  /** The next PUT is refused with 400 validation_failed and these {@code errors} (a JSON array). */
  public SettingsStub refuseNextSave(String errorsJson) {
    refusals.add(errorsJson);
    return this;
  }

  /** The history page to answer (JSON). */
  public SettingsStub history(String json) {
    this.history = json;
    return this;
  }

  /** The "settings" of every PUT body, in order. */
  public List<JsonNode> saved() {
    return puts.stream().map(p -> p.get("settings")).toList();
  }

  private void handle(Route route) {
    var request = route.request();
    if (request.method().equals("PUT")) {
      JsonNode body = parse(request.postData());
      puts.add(body);
      String errors = refusals.poll();
      if (errors != null) {
        route.fulfill(new Route.FulfillOptions().setStatus(400).setContentType("application/problem+json").setBody(
            "{\"type\":\"urn:voice-plugin:problem:validation_failed\",\"title\":\"Invalid settings\",\"status\":400,"
                + "\"detail\":\"Some fields are invalid.\",\"code\":\"validation_failed\",\"hint\":\"Correct them and save again.\","
                + "\"errors\":" + errors + "}"));
        return;
      }
      settings = (ObjectNode) body.get("settings");
      version++;
    }
    ObjectNode doc = JSON.createObjectNode().put("tenantId", "acme").put("version", version)
        .put("updatedAt", "2026-11-21T10:00:00Z").put("updatedBy", "alice").put("apiKeyConfigured", false);
    doc.putNull("apiKeyLast4");
    doc.putObject("limits").put("instructionsMaxChars", 16000);
    doc.set("settings", settings);
    route.fulfill(new Route.FulfillOptions().setStatus(200)
        .setHeaders(java.util.Map.of("Content-Type", "application/json", "ETag", "\"" + version + "\""))
        .setBody(doc.toString()));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
