package dev.voiceplugin.impl.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands Jersey's Jackson provider our {@link Json#mapper()}. A named class, not a lambda: Jersey
 * cannot see a lambda's type argument and silently ignores it (dates then went out as numbers).
 */
@Provider
public final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
  @Override
  public ObjectMapper getContext(Class<?> type) {
    return Json.mapper();
  }
}
