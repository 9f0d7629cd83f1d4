package dev.voiceplugin.impl.settings;

import dev.voiceplugin.impl.VoicePluginException;

/** A restore named a version that this tenant's history does not have (404). */
public final class VersionNotFoundException extends VoicePluginException {
  public VersionNotFoundException(long version) {
    super(404, "version_not_found", "There is no settings version " + version + " for your tenant.",
        "List the versions with GET /api/v1/realtime-settings/history.");
  }
}
