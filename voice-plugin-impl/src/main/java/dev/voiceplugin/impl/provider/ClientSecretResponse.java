package dev.voiceplugin.impl.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.web.Json;
import java.io.IOException;
import java.net.URI;
import java.util.OptionalInt;

/** Reads {@code {value, expires_at, session}} from a successful mint answer. */
final class ClientSecretResponse {
  private ClientSecretResponse() {}

  static MintedClientSecret parse(Upstream upstream, UpstreamResponse response, URI callsUrl) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(response.body());
    } catch (IOException e) {
      // The parser's message would quote the body, which holds the secret: keep neither.
      throw new ProviderBadResponseException(upstream, "the body is not valid JSON",
          OptionalInt.of(response.status()), null);
    }
    if (root == null || !root.isObject()) {
      throw new ProviderBadResponseException(upstream, "the body is not a JSON object",
          OptionalInt.of(response.status()), null);
    }
    JsonNode value = root.path("value");
    JsonNode expiresAt = root.path("expires_at");
    if (!value.isTextual() || value.asText().isBlank() || !expiresAt.canConvertToLong() || expiresAt.asLong() <= 0) {
      throw new ProviderNoClientSecretException(response.status());
    }
    return new MintedClientSecret(value.asText(), expiresAt.asLong(), response.status(), response.latency(), callsUrl);
  }
}
