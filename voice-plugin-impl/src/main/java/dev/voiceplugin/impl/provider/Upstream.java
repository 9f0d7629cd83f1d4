package dev.voiceplugin.impl.provider;

/** The services this package talks to, named as an administrator knows them. */
enum Upstream {
  OPENAI("OpenAI"),
  AZURE_OPENAI("Azure OpenAI"),
  ENTRA_ID("Microsoft Entra ID");

  private final String displayName;

  Upstream(String displayName) {
    this.displayName = displayName;
  }

  String displayName() {
    return displayName;
  }
}
