package dev.voiceplugin.impl.settings;

import dev.voiceplugin.api.TenantId;
import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@code voice_settings_changed} channel (fired by a trigger on every write
 * to {@code voice_tenant_settings}, whoever writes) and drops the tenant from the cache, so every
 * plugin instance sharing the database sees a change within one poll interval. When the
 * connection is lost it clears the whole cache, since notifications may have been missed.
 */
public final class SettingsChangeListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SettingsChangeListener.class);
  static final String CHANNEL = "voice_settings_changed";
  private static final int POLL_MILLIS = 250;

  private final Supplier<Connection> connections;
  private final SettingsCache cache;
  private final Thread thread;
  private volatile boolean running = true;

  public SettingsChangeListener(Supplier<Connection> connections, SettingsCache cache) {
    this.connections = connections;
    this.cache = cache;
    this.thread = new Thread(this::run, "voice-plugin-settings-listener");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try (Connection connection = connections.get()) {
        try (Statement st = connection.createStatement()) {
          st.execute("LISTEN " + CHANNEL);
        }
        cache.clear(); // anything cached before LISTEN took effect may be stale
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
          if (notes != null) {
            for (PGNotification note : notes) {
              TenantId.parse(note.getParameter()).ifPresentOrElse(cache::invalidate, cache::clear);
            }
          }
        }
      } catch (Exception e) {
        cache.clear();
        if (running) {
          log.debug("settings change listener lost its connection, retrying: {}", e.toString());
          sleepQuietly(1000);
        }
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
