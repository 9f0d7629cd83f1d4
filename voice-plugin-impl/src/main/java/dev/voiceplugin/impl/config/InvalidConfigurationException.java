package dev.voiceplugin.impl.config;

/** Thrown at start-up when a setting has a value the plugin cannot use. */
public final class InvalidConfigurationException extends RuntimeException {
  public InvalidConfigurationException(Setting setting, String problem) {
    super(setting.key() + " " + problem);
  }

  public InvalidConfigurationException(String message) {
    super(message);
  }
}
