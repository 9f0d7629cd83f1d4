package dev.voiceplugin.impl.provider;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Everything a mint sends that depends only on the tenant's settings and key: the URL, the JSON
 * body already serialised, and the auth header. Built once per settings version and reused by
 * every mint of that version; {@link #toString()} hides the key.
 */
public final class PreparedMint {
  final Upstream upstream;
  final URI url;
  final URI callsUrl;
  final byte[] body;
  final Map<String, String> headers;
  final boolean entraId;
  final ProviderCredential.Source source;
  final List<String> secrets;
  final String model;

  PreparedMint(Upstream upstream, URI url, URI callsUrl, byte[] body, Map<String, String> headers,
      ProviderCredential.Source source, List<String> secrets, String model) {
    this.upstream = upstream;
    this.url = url;
    this.callsUrl = callsUrl;
    this.body = body;
    this.headers = Map.copyOf(headers);
    this.source = source;
    this.entraId = source == ProviderCredential.Source.ENTRA_ID;
    this.secrets = List.copyOf(secrets);
    this.model = model;
  }

  @Override
  public String toString() {
    return "PreparedMint[" + upstream.displayName() + " " + url + ", " + body.length + " bytes, credential=<redacted>]";
  }
}
