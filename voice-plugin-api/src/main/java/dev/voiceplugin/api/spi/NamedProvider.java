package dev.voiceplugin.api.spi;

import java.util.Map;

/**
 * What every SPI implementation of the plugin has: a name that selects it in configuration and an
 * optional start-up hook. One class may implement several SPIs (e.g. both
 * {@link TenantResolver} and {@link AdminAuthorizer}) under one name.
 */
public interface NamedProvider {

  /** The name that selects this implementation in configuration, e.g. {@code "container"}. */
  String name();

  /**
   * Called once at start-up with the plugin's configuration (every {@code VOICE_*} setting, by its
   * name). The default does nothing.
   */
  default void init(Map<String, String> settings) {}
}
