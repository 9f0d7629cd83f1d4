package dev.voiceplugin.impl.db;

import dev.voiceplugin.impl.VoicePluginException;

/** The database cannot be reached (or the plugin's schema is not ready); answered with 503. */
public final class DatabaseUnavailableException extends VoicePluginException {
  public DatabaseUnavailableException(String reason, Throwable cause) {
    super(503, "database_unavailable", "The database is not available: " + reason,
        "Check that PostgreSQL is running and reachable with the configured URL and credentials; "
            + "the plugin reconnects by itself once it is.",
        java.util.Map.of("retryAfterSeconds", 5L), cause);
  }

  @Override
  public boolean loggedWhereRaised() {
    return true;
  }
}
