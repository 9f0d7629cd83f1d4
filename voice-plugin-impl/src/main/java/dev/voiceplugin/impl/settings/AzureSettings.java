package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Azure OpenAI connection of a tenant.
 *
 * @param endpoint the resource endpoint, https only, e.g. {@code https://my-resource.openai.azure.com}
 *     (no path, no query: the plugin appends {@code /openai/v1/realtime/...})
 * @param auth whether to authenticate with the API key or with a Microsoft Entra ID token
 */
public record AzureSettings(
    @NotNull
    @Size(max = 256)
    @Pattern(regexp = "https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?",
        message = "must be an https URL of the resource, with no path or query (https://name.openai.azure.com)")
    String endpoint,
    @NotNull AzureAuth auth) {

  /** The endpoint without a trailing slash. */
  public String baseUrl() {
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  /** How the plugin authenticates to Azure OpenAI. */
  public enum AzureAuth {
    API_KEY("api-key"),
    ENTRA_ID("entra-id");

    private final String wire;

    AzureAuth(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static AzureAuth fromWire(String value) {
      for (AzureAuth a : values()) {
        if (a.wire.equals(value)) {
          return a;
        }
      }
      throw new IllegalArgumentException("auth must be api-key or entra-id");
    }
  }
}
