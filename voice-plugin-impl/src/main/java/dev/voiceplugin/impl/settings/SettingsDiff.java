package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.web.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Names the fields that differ between two settings, as dotted paths one level into objects (e.g. turnDetection.threshold). */
final class SettingsDiff {
  private SettingsDiff() {}

  static List<String> changedFields(RealtimeSettings before, RealtimeSettings after) {
    JsonNode a = Json.mapper().valueToTree(before);
    JsonNode b = Json.mapper().valueToTree(after);
    TreeSet<String> changed = new TreeSet<>();
    TreeSet<String> names = new TreeSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode x = a.path(name);
      JsonNode y = b.path(name);
      if (x.equals(y)) {
        continue;
      }
      if (x.isObject() && y.isObject()) {
        TreeSet<String> inner = new TreeSet<>();
        x.fieldNames().forEachRemaining(inner::add);
        y.fieldNames().forEachRemaining(inner::add);
        for (Iterator<String> it = inner.iterator(); it.hasNext(); ) {
          String sub = it.next();
          if (!x.path(sub).equals(y.path(sub))) {
            changed.add(name + "." + sub);
          }
        }
      } else {
        changed.add(name);
      }
    }
    return new ArrayList<>(changed);
  }
}
