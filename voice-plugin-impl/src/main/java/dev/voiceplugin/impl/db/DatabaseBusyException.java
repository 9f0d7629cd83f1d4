package dev.voiceplugin.impl.db;

import dev.voiceplugin.impl.VoicePluginException;
import java.util.Map;

/**
 * Every pooled connection was in use for the whole connect timeout: the database is up but the
 * plugin is overloaded. Answered with 503 and Retry-After; logged once per change of state.
 */
public final class DatabaseBusyException extends VoicePluginException {
  public DatabaseBusyException(Throwable cause) {
    super(503, "database_busy", "The database is busy: every connection was in use.",
        "Try again in a moment.", Map.of("retryAfterSeconds", 1L), cause);
  }

  @Override
  public boolean loggedWhereRaised() {
    return true;
  }
}
