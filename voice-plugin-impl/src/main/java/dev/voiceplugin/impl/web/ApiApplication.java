package dev.voiceplugin.impl.web;

import dev.voiceplugin.impl.VoicePlugin;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The Jersey application mounted at {@code /api/v1}: resources are instances wired by {@link VoicePlugin}. */
public final class ApiApplication extends ResourceConfig {

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
