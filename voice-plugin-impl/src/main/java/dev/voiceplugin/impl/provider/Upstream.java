package dev.voiceplugin.impl.provider;

/**
 * The services the provider packages talk to, named as an administrator knows them. Public for the
 * protocol packages beside this one (e.g. {@code provider.calls}); nothing above {@code provider} needs it.
 */
public enum Upstream {
  OPENAI("OpenAI"),
  AZURE_OPENAI("Azure OpenAI"),
  ENTRA_ID("Microsoft Entra ID");

  private final String displayName;

  Upstream(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
