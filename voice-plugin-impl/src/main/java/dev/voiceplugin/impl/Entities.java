package dev.voiceplugin.impl;

import java.util.List;

/** Every Hibernate entity of the plugin; Hibernate validates each against the Flyway schema at start-up. */
final class Entities {
  static final List<Class<?>> ALL = java.util.stream.Stream.concat(
      dev.voiceplugin.impl.settings.SettingsEntities.ALL.stream(),
      dev.voiceplugin.impl.session.SessionEntities.ALL.stream()).toList();

  private Entities() {}
}
