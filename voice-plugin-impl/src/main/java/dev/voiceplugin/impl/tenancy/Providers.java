package dev.voiceplugin.impl.tenancy;

import dev.voiceplugin.impl.config.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an SPI implementation by name with {@link ServiceLoader}. A provider that fails to load
 * is reported and skipped (like SLF4J's {@code safelyInstantiate}), so one broken jar of the host
 * does not hide the others; asking for a name nobody provides is a clear start-up error.
 */
final class Providers {
  private static final Logger log = LoggerFactory.getLogger(Providers.class);

  private Providers() {}

  static <T> T load(Class<T> type, String name, Function<T, String> nameOf, ClassLoader loader) {
    List<String> available = new ArrayList<>();
    Iterator<T> it = ServiceLoader.load(type, loader).iterator();
    while (true) {
      T candidate;
      try {
        if (!it.hasNext()) {
          break;
        }
        candidate = it.next();
      } catch (ServiceConfigurationError e) {
        log.error("voice-plugin: a {} provider could not be loaded and is ignored: {}", type.getSimpleName(), e.getMessage());
        continue;
      }
      String candidateName = nameOf.apply(candidate);
      if (name.equals(candidateName)) {
        return candidate;
      }
      available.add(candidateName);
    }
    throw new InvalidConfigurationException("No " + type.getSimpleName() + " named '" + name + "'; available: " + available);
  }
}
