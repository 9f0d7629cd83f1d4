package dev.voiceplugin.impl.provider;

import dev.voiceplugin.impl.web.Json;
import java.io.IOException;
import java.net.URI;
import java.util.OptionalInt;

/** Reads {@code {value, expires_at, session}} from a successful mint answer. */
final class ClientSecretResponse {
  private ClientSecretResponse() {}

  static MintedClientSecret parse(Upstream upstream, UpstreamResponse response, URI callsUrl) {
    // Streamed: only value and expires_at are read; the echoed session (most of the body) is skipped.
    String value = null;
    long expiresAt = -1;
    try (com.fasterxml.jackson.core.JsonParser p = Json.mapper().getFactory().createParser(response.body())) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        throw new ProviderBadResponseException(upstream, "the body is not a JSON object",
            OptionalInt.of(response.status()), null);
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = p.currentName();
        com.fasterxml.jackson.core.JsonToken token = p.nextToken();
        if ("value".equals(name) && token == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
          value = p.getText();
        } else if ("expires_at".equals(name) && token.isNumeric()) {
          expiresAt = p.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.INT
              || p.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.LONG ? p.getLongValue() : -1;
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new java.io.IOException("trailing or truncated content");
      }
    } catch (IOException e) {
      // The parser's message would quote the body, which holds the secret: keep neither.
      throw new ProviderBadResponseException(upstream, "the body is not valid JSON",
          OptionalInt.of(response.status()), null);
    }
    if (value == null || value.isBlank() || expiresAt <= 0) {
      throw new ProviderNoClientSecretException(response.status());
    }
    return new MintedClientSecret(value, expiresAt, response.status(), response.latency(), callsUrl);
  }
}
