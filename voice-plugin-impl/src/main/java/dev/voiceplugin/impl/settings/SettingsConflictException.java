package dev.voiceplugin.impl.settings;

import dev.voiceplugin.impl.VoicePluginException;
import java.util.Map;

/** The If-Match version is not the current one: somebody else saved first (412). Nothing was saved. */
public final class SettingsConflictException extends VoicePluginException {
  public SettingsConflictException(long currentVersion) {
    super(412, "settings_conflict", "The settings were changed by someone else (now at version " + currentVersion + ").",
        "Reload the settings, reapply your change and save again.", Map.of("currentVersion", currentVersion), null);
  }
}
