package dev.voiceplugin.impl.db;

import java.util.Optional;

/**
 * What health reports about the database.
 *
 * @param reachable a connection could be opened and queried just now
 * @param ready migrations are applied and the ORM is started
 * @param schemaVersion the newest applied migration version
 * @param reason why it is not ready, in words safe to show
 */
public record DatabaseStatus(boolean reachable, boolean ready, Optional<String> schemaVersion, Optional<String> reason) {
  /** The reason given while every pooled connection is in use. */
  public static final String BUSY = "every database connection is in use";

  public boolean busy() {
    return reason.filter(BUSY::equals).isPresent();
  }

  public boolean up() {
    return reachable && ready && !busy();
  }
}
