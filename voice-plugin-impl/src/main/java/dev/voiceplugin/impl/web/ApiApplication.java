package dev.voiceplugin.impl.web;

import dev.voiceplugin.impl.VoicePlugin;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The Jersey application mounted at {@code /api/v1}: resources are instances wired by {@link VoicePlugin}. */
public final class ApiApplication extends ResourceConfig {
  /**
   * Jersey warns "does not implement any provider interfaces ... will be ignored" for every resource
   * registered as an instance, and then serves it all the same: a false alarm (eclipse-ee4j/jersey#3700)
   * that read like a broken start. Only that one internal logger is quieted, and held here because
   * java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger PROVIDER_CHECKS =
      java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  static {
    PROVIDER_CHECKS.setLevel(java.util.logging.Level.SEVERE);
  }

  public ApiApplication(VoicePlugin plugin) {
    property(ServerProperties.WADL_FEATURE_DISABLE, true);
    property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    property(ServerProperties.BV_FEATURE_DISABLE, true);
    register(JacksonFeature.withoutExceptionMappers());
    register(new ObjectMapperResolver());
    register(new ProblemExceptionMapper());
    plugin.resources().forEach(this::register);
  }
}
