package dev.voiceplugin.impl.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.settings.IceServer;
import dev.voiceplugin.impl.web.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A tenant's mint answer, serialised once per cached settings value: everything but the secret and
 * its expiry is the same for every mint of that settings version, so a mint writes two pre-built
 * byte runs around those two values instead of walking the {@code session.update} tree and the ICE
 * servers again. The bytes are exactly what Jackson writes for {@link MintResponse} (a test holds
 * them to it), in the record's field order.
 */
public final class MintAnswer {
  private static final byte[] EXPIRES_AT = ",\"expiresAt\":".getBytes(StandardCharsets.US_ASCII);

  private final byte[] head;
  private final byte[] tail;

  private MintAnswer(byte[] head, byte[] tail) {
    this.head = head;
    this.tail = tail;
  }

  static MintAnswer of(String provider, String model, String webrtcUrl, ObjectNode sessionUpdate,
      List<IceServer> iceServers, long settingsVersion) {
    ObjectMapper json = Json.mapper();
    try {
      String head = "{\"provider\":" + json.writeValueAsString(provider) + ",\"model\":" + json.writeValueAsString(model)
          + ",\"clientSecret\":";
      String tail = ",\"webrtcUrl\":" + json.writeValueAsString(webrtcUrl) + ",\"sessionUpdate\":"
          + json.writeValueAsString(sessionUpdate) + ",\"iceServers\":" + json.writeValueAsString(List.copyOf(iceServers))
          + ",\"settingsVersion\":" + settingsVersion + "}";
      return new MintAnswer(head.getBytes(StandardCharsets.UTF_8), tail.getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole JSON body for one minted secret. */
  byte[] render(String clientSecret, long expiresAt) {
    byte[] secret = clientSecret == null ? "null".getBytes(StandardCharsets.US_ASCII) : quoted(clientSecret);
    byte[] expiry = Long.toString(expiresAt).getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + secret.length + EXPIRES_AT.length + expiry.length + tail.length];
    int at = put(body, 0, head);
    at = put(body, at, secret);
    at = put(body, at, EXPIRES_AT);
    at = put(body, at, expiry);
    put(body, at, tail);
    return body;
  }

  /** Provider secrets are plain printable ASCII, copied as they are; anything else goes through Jackson. */
  private static byte[] quoted(String value) {
    int n = value.length();
    byte[] out = new byte[n + 2];
    out[0] = '"';
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return jackson(value);
      }
      out[i + 1] = (byte) c;
    }
    out[n + 1] = '"';
    return out;
  }

  private static byte[] jackson(String value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int put(byte[] into, int at, byte[] part) {
    System.arraycopy(part, 0, into, at, part.length);
    return at + part.length;
  }
}
