package dev.voiceplugin.impl.session;

import java.util.List;

/** The session package's entities, for the Hibernate bootstrap. */
public final class SessionEntities {
  public static final List<Class<?>> ALL = List.of(SessionAuditEntity.class);

  private SessionEntities() {}
}
