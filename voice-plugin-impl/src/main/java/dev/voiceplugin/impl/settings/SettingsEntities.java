package dev.voiceplugin.impl.settings;

import java.util.List;

/** The settings package's entities (package-private classes), for the Hibernate bootstrap. */
public final class SettingsEntities {
  public static final List<Class<?>> ALL = List.of(TenantSettingsEntity.class, SettingsHistoryEntity.class);

  private SettingsEntities() {}
}
