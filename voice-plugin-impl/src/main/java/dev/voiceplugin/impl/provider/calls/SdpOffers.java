package dev.voiceplugin.impl.provider.calls;

import dev.voiceplugin.impl.provider.ProviderEndpoints;
import dev.voiceplugin.impl.provider.ProviderFailures;
import dev.voiceplugin.impl.provider.Upstream;
import dev.voiceplugin.impl.provider.UpstreamResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.OptionalInt;

/** The SDP side of creating a call: the multipart body we send, and the 201 we read back. */
final class SdpOffers {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SdpOffers() {}

  /** A {@code multipart/form-data} body and its Content-Type with the boundary. */
  record Multipart(String contentType, byte[] body) {}

  /**
   * Parts {@code sdp} ({@code application/sdp}, the offer verbatim) and {@code session}
   * ({@code application/json}), without file names, as openai-python and pydantic-ai send them.
   */
  static Multipart multipart(String sdpOffer, byte[] sessionJson) {
    String session = new String(sessionJson, StandardCharsets.UTF_8);
    String boundary;
    do {
      byte[] random = new byte[16];
      RANDOM.nextBytes(random);
      boundary = "voice-plugin-" + HexFormat.of().formatHex(random);
    } while (sdpOffer.contains(boundary) || session.contains(boundary));
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"sdp\"\r\n"
        + "Content-Type: application/sdp\r\n\r\n"
        + sdpOffer + "\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"session\"\r\n"
        + "Content-Type: application/json\r\n\r\n"
        + session + "\r\n"
        + "--" + boundary + "--\r\n";
    return new Multipart("multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Refuses what cannot be an SDP offer before it costs a provider request. */
  static void requireOffer(String sdpOffer) {
    if (sdpOffer == null || !firstLineIsVersion(sdpOffer)) {
      throw new IllegalArgumentException("an SDP offer starts with the line v=0");
    }
  }

  /**
   * The call from a 201: the id from {@code Location} ({@code /v1/realtime/calls/rtc_…}, relative or
   * absolute) and the SDP answer. Anything else is a bad response, so the browser never gets a body
   * it would fail to parse as SDP.
   */
  static CreatedCall read(Upstream upstream, UpstreamResponse response) {
    OptionalInt status = OptionalInt.of(response.status());
    if (response.status() != 201) {
      throw ProviderFailures.badResponse(upstream, "HTTP " + response.status() + " where 201 Created was expected", status);
    }
    String location = response.headers().firstValue("Location").orElse("");
    String callId = callId(location);
    if (callId.isEmpty()) {
      throw ProviderFailures.badResponse(upstream,
          location.isEmpty() ? "the 201 has no Location header" : "the Location header names no call", status);
    }
    String answer = new String(response.body(), StandardCharsets.UTF_8);
    if (!firstLineIsVersion(answer)) {
      throw ProviderFailures.badResponse(upstream, "the body is not an SDP answer", status);
    }
    return new CreatedCall(callId, answer);
  }

  private static String callId(String location) {
    String path;
    try {
      path = URI.create(location.strip()).getPath();
    } catch (IllegalArgumentException e) {
      return "";
    }
    // Only …/realtime/calls/{id}: a Location pointing anywhere else (dot segments included) names no call.
    int at = path == null ? -1 : path.lastIndexOf("/realtime/calls/");
    if (at < 0 || path.contains("/./") || path.contains("/../")) {
      return "";
    }
    String last = path.substring(at + "/realtime/calls/".length());
    return ProviderEndpoints.isSafeCallId(last) ? last : "";
  }

  private static boolean firstLineIsVersion(String sdp) {
    int end = sdp.indexOf('\n');
    String first = end < 0 ? sdp : sdp.substring(0, end);
    return first.strip().equals("v=0");
  }
}
