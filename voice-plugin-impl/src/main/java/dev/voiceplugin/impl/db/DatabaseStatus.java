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
  public boolean up() {
    return reachable && ready;
  }
}
