package dev.voiceplugin.webapp.bench;

import java.net.URI;
import java.net.http.HttpRequest;

/** What every target of the benchmark shares: the platform key and the mint request sent upstream. */
final class Bench {
  static final String API_KEY = "sk-bench-0123456789";
  /** About what the plugin sends for a tenant with default settings. */
  static final String MINT_BODY = "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":600},"
      + "\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\",\"audio\":{\"output\":{\"voice\":\"marin\"}}}}";

  private Bench() {}

  /** The provider's mint, as the direct target and both reference servers send it. */
  static HttpRequest upstreamMint(URI url) {
    return HttpRequest.newBuilder(url).header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(MINT_BODY)).build();
  }
}
