package dev.voiceplugin.impl;

import java.util.List;

/** Every Hibernate entity of the plugin; Hibernate validates each against the Flyway schema at start-up. */
final class Entities {
  static final List<Class<?>> ALL = dev.voiceplugin.impl.settings.SettingsEntities.ALL;

  private Entities() {}
}
