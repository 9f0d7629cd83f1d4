package dev.voiceplugin.impl.testing.fake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.content.ByteBufferContentSource;

/**
 * Parses {@code multipart/form-data} with Jetty's own parser (an independent implementation of
 * RFC 7578, not ours), then holds it to what {@code RealtimeCallCreateRequest} allows: parts
 * {@code sdp} (required) and {@code session} only, once each, no file names, each with its
 * declared Content-Type and nothing but Content-Disposition and Content-Type as part headers.
 */
final class StrictMultipart {
  private static final Map<String, String> PART_TYPES = Map.of("sdp", "application/sdp", "session", "application/json");

  private StrictMultipart() {}

  /** The parts by name, or an {@link IllegalArgumentException} saying what is wrong. */
  static Map<String, String> parse(String contentType, byte[] body) {
    String boundary = MultiPart.extractBoundary(contentType);
    if (boundary == null || boundary.isEmpty()) {
      throw new IllegalArgumentException("multipart/form-data without a boundary");
    }
    MultiPartFormData.Parts parts;
    try {
      MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
      parser.setUseFilesForPartsWithoutFileName(false);
      parser.setMaxMemoryFileSize(4 << 20); // in memory: an offer and a session are a few KiB
      parser.setMaxLength(8 << 20);
      parts = parser.parse(new ByteBufferContentSource(ByteBuffer.wrap(body))).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalArgumentException("the multipart body does not parse: " + e.getMessage());
    }
    Map<String, String> byName = new LinkedHashMap<>();
    for (MultiPart.Part part : parts) {
      String name = part.getName();
      if (!PART_TYPES.containsKey(name)) {
        throw new IllegalArgumentException("unknown part '" + name + "' (RealtimeCallCreateRequest allows sdp and session)");
      }
      if (byName.containsKey(name)) {
        throw new IllegalArgumentException("part '" + name + "' appears twice");
      }
      if (part.getFileName() != null) {
        throw new IllegalArgumentException("part '" + name + "' has a file name");
      }
      String type = part.getHeaders().get("Content-Type");
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(PART_TYPES.get(name))) {
        throw new IllegalArgumentException("part '" + name + "' must be " + PART_TYPES.get(name) + ", was " + type);
      }
      for (HttpField header : part.getHeaders()) {
        if (!List.of("content-disposition", "content-type").contains(header.getLowerCaseName())) {
          throw new IllegalArgumentException("part '" + name + "' has an unexpected header " + header.getName());
        }
      }
      byName.put(name, part.getContentAsString(StandardCharsets.UTF_8));
    }
    if (!byName.containsKey("sdp")) {
      throw new IllegalArgumentException("the required part 'sdp' is missing");
    }
    return byName;
  }
}
