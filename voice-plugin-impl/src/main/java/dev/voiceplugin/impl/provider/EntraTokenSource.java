package dev.voiceplugin.impl.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Microsoft Entra ID access tokens for Azure OpenAI, from the OAuth2 client-credentials flow of one
 * app registration configured for the whole plugin. A token is reused until shortly before it
 * expires, so a mint normally costs no extra round trip. Thread-safe; concurrent callers share
 * one refresh.
 */
public final class EntraTokenSource {
  public static final String TENANT_ID = "AZURE_TENANT_ID";
  public static final String CLIENT_ID = "AZURE_CLIENT_ID";
  public static final String CLIENT_SECRET = "AZURE_CLIENT_SECRET";
  public static final String AUTHORITY_HOST = "AZURE_AUTHORITY_HOST";
  static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
  static final String SCOPE = "https://cognitiveservices.azure.com/.default";
  /** Refresh this long before expiry (at most half the lifetime), so a token never dies mid-request. */
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9.-]{1,128}");

  private final ProviderHttp http;
  private final Clock clock;
  private final List<String> problems;
  private final URI tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private Token cached;

  public EntraTokenSource(VoiceConfig config, ProviderHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
    List<String> found = new ArrayList<>();
    String tenant = config.get(TENANT_ID).orElse("");
    this.clientId = config.get(CLIENT_ID).orElse("");
    this.clientSecret = config.get(CLIENT_SECRET).orElse("");
    String authority = config.get(AUTHORITY_HOST).orElse(DEFAULT_AUTHORITY_HOST).replaceAll("/+$", "");
    if (tenant.isEmpty() || clientId.isEmpty() || clientSecret.isEmpty()) {
      found.add(String.join(", ", missing(tenant, clientId, clientSecret)) + " not set");
    } else if (!TENANT.matcher(tenant).matches()) {
      found.add(TENANT_ID + " is not a tenant id or domain");
    }
    if (!authority.matches("https?://[A-Za-z0-9.:\\[\\]-]+(/[A-Za-z0-9._-]+)*")) {
      found.add(AUTHORITY_HOST + " is not an http(s) URL");
    }
    this.problems = List.copyOf(found);
    this.tokenUrl = problems.isEmpty() ? URI.create(authority + "/" + tenant + "/oauth2/v2.0/token") : null;
  }

  public EntraTokenSource(VoiceConfig config, ProviderHttp http) {
    this(config, http, Clock.systemUTC());
  }

  /** Whether the client credentials are configured at all (Azure tenants may use api-key instead). */
  public boolean isConfigured() {
    return problems.isEmpty();
  }

  /** A valid access token for {@value #SCOPE}, fetched or refreshed when needed. */
  public synchronized String accessToken() {
    if (!problems.isEmpty()) {
      throw new ProviderNotConfiguredException(
          "Microsoft Entra ID authentication is not configured: " + String.join("; ", problems) + ".",
          "Set " + TENANT_ID + ", " + CLIENT_ID + " and " + CLIENT_SECRET + " for the plugin, or switch the "
              + "tenant's Azure authentication to api-key.");
    }
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(cached.refreshAt())) {
      cached = fetch(now);
    }
    return cached.value();
  }

  private Token fetch(Instant requestedAt) {
    String form = "grant_type=client_credentials&client_id=" + encode(clientId)
        + "&client_secret=" + encode(clientSecret) + "&scope=" + encode(SCOPE);
    UpstreamResponse response = http.post(Upstream.ENTRA_ID, tokenUrl, "application/x-www-form-urlencoded",
        form.getBytes(StandardCharsets.UTF_8), Map.of());
    JsonNode body = readJson(response);
    if (response.status() == 400 || response.status() == 401) {
      String error = body.path("error").asText("");
      throw ProviderKeyRejectedException.entraClient(response.status(),
          UpstreamText.identifier(error, java.util.List.of(clientSecret)));
    }
    if (response.status() == 429) {
      throw new ProviderRateLimitedException(Upstream.ENTRA_ID, UpstreamStatusFailures.retryAfterSeconds(response, clock));
    }
    if (response.status() >= 500) {
      throw new ProviderUnavailableException(Upstream.ENTRA_ID, response.status());
    }
    JsonNode token = body.path("access_token");
    long expiresIn = body.path("expires_in").asLong(0); // v2 sends a number, v1 a string: asLong reads both
    if (response.status() != 200 || !token.isTextual() || token.asText().isBlank() || expiresIn <= 0) {
      throw new ProviderBadResponseException(Upstream.ENTRA_ID, "no access token in the answer",
          OptionalInt.of(response.status()), null);
    }
    Duration lifetime = Duration.ofSeconds(expiresIn);
    Duration margin = REFRESH_MARGIN.compareTo(lifetime.dividedBy(2)) < 0 ? REFRESH_MARGIN : lifetime.dividedBy(2);
    return new Token(token.asText(), requestedAt.plus(lifetime).minus(margin));
  }

  private static JsonNode readJson(UpstreamResponse response) {
    try {
      JsonNode node = Json.mapper().readTree(response.body());
      return node == null ? Json.mapper().missingNode() : node;
    } catch (IOException e) {
      if (response.status() == 200) {
        throw new ProviderBadResponseException(Upstream.ENTRA_ID, "the body is not valid JSON",
            OptionalInt.of(200), null);
      }
      return Json.mapper().missingNode();
    }
  }

  private static List<String> missing(String tenant, String clientId, String clientSecret) {
    List<String> names = new ArrayList<>();
    if (tenant.isEmpty()) {
      names.add(TENANT_ID);
    }
    if (clientId.isEmpty()) {
      names.add(CLIENT_ID);
    }
    if (clientSecret.isEmpty()) {
      names.add(CLIENT_SECRET);
    }
    return names;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record Token(String value, Instant refreshAt) {
    @Override
    public String toString() {
      return "Token[<redacted>, refreshAt=" + refreshAt + "]";
    }
  }
}
