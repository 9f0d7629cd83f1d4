package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.web.Json;

/** Settings documents for tests, as a client would write them. */
final class SettingsJson {
  private SettingsJson() {}

  static ObjectNode defaults() {
    return Json.mapper().valueToTree(SettingsDefaults.builtIn());
  }

  static ObjectNode body(ObjectNode settings) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.set("settings", settings);
    return body;
  }
}
