package dev.voiceplugin.impl;

import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.db.Database;
import dev.voiceplugin.impl.web.HealthResource;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: builds every long-lived part of the plugin once, in dependency order, and
 * closes them in reverse. Nothing else constructs services.
 */
public final class VoicePlugin implements AutoCloseable {
  public static final String CONTEXT_ATTRIBUTE = VoicePlugin.class.getName();

  private final VoiceConfig config;
  private final Database database;
  private final List<Object> resources = new ArrayList<>();

  private VoicePlugin(VoiceConfig config) {
    this.config = config;
    this.database = Database.open(config, Entities.ALL);
    resources.add(new HealthResource(database));
  }

  /** Builds the plugin; throws {@link dev.voiceplugin.impl.config.InvalidConfigurationException} for unusable settings. */
  public static VoicePlugin start(VoiceConfig config) {
    return new VoicePlugin(config);
  }

  public VoiceConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  /** The JAX-RS resources and providers, as instances. */
  public List<Object> resources() {
    return List.copyOf(resources);
  }

  /** Adds the plugin's servlet filters and servlets besides the API (called once by the listener). */
  public void registerWebComponents(ServletContext context) {
    // Filled in by the features that need filters (tenancy, security headers).
  }

  @Override
  public void close() {
    database.close();
  }
}
