package dev.voiceplugin.impl.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.web.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints ephemeral Realtime client secrets (GA API: {@code POST .../realtime/client_secrets}) at
 * OpenAI or Azure OpenAI for the mint service. One instance per plugin; thread-safe.
 *
 * <p>Every failure is a {@link ProviderException} whose {@code code} is also the audit outcome;
 * a success's outcome is {@link MintedClientSecret#OUTCOME_OK}. Neither the key nor the secret is
 * ever logged or put into an exception.
 */
public final class ClientSecretMinter {
  private static final Logger log = LoggerFactory.getLogger(ClientSecretMinter.class);

  private final ProviderEndpoints endpoints;
  private final ProviderHttp http;
  private final EntraTokenSource entra;
  private final Clock clock;

  public ClientSecretMinter(ProviderHttp http, EntraTokenSource entra, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.entra = Objects.requireNonNull(entra, "entra");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.endpoints = new ProviderEndpoints(http.config().openAiBaseUrl());
  }

  /** Reads {@link ProviderConfig} and the Entra ID settings; builds the one shared HTTP client. */
  public static ClientSecretMinter fromConfig(VoiceConfig config) {
    ProviderHttp http = ProviderHttp.fromConfig(config);
    return new ClientSecretMinter(http, new EntraTokenSource(config, http), Clock.systemUTC());
  }

  /**
   * Mints a client secret for a session configured by {@code settings}.
   *
   * @param credential {@link ProviderCredential#apiKey} for OpenAI and Azure api-key,
   *     {@link ProviderCredential#entraId()} for Azure entra-id (see {@link ProviderCredential#usesApiKey})
   * @param user who the session is for; sent to OpenAI as {@code OpenAI-Safety-Identifier} (Azure
   *     documents no such header, so it is not sent there)
   * @throws ProviderException when the provider or the network fails, named by its code
   */
  public MintedClientSecret mint(RealtimeSettings settings, ProviderCredential credential, SafetyIdentifier user) {
    try {
      return mintAsync(prepare(settings, credential), user).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Builds what every mint of these settings sends (body, URL, key header), to be reused with
   * {@link #mintAsync}. An Entra ID token is not part of it: it is taken fresh at each mint.
   */
  public PreparedMint prepare(RealtimeSettings settings, ProviderCredential credential) {
    Objects.requireNonNull(settings, "settings");
    return prepare(settings, credential, RealtimeSessionConfig.clientSecretRequest(settings));
  }

  /**
   * As {@link #prepare(RealtimeSettings, ProviderCredential)} with a lifetime of {@code ttlSeconds}
   * (10..7200) instead of the tenant's, for secrets the server uses itself and never hands out.
   */
  public PreparedMint prepare(RealtimeSettings settings, ProviderCredential credential, int ttlSeconds) {
    Objects.requireNonNull(settings, "settings");
    if (ttlSeconds < 10 || ttlSeconds > 7200) {
      throw new IllegalArgumentException("a client secret lives 10 to 7200 seconds");
    }
    return prepare(settings, credential, RealtimeSessionConfig.clientSecretRequest(settings, ttlSeconds));
  }

  private PreparedMint prepare(RealtimeSettings settings, ProviderCredential credential,
      com.fasterxml.jackson.databind.node.ObjectNode request) {
    Objects.requireNonNull(credential, "credential");
    Upstream upstream = !settings.provider().onAzure() ? Upstream.OPENAI : Upstream.AZURE_OPENAI;
    boolean entraId = credential instanceof ProviderCredential.EntraId;
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> secrets = entraId ? List.of() : List.of(authenticate(settings, credential, headers));
    if (entraId && ProviderCredential.usesApiKey(settings)) {
      authenticate(settings, credential, new LinkedHashMap<>()); // refuses the mismatch
    }
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    return new PreparedMint(upstream, endpoints.clientSecretsUrl(settings), endpoints.callsUrl(settings), body, headers,
        credential.source(), secrets, settings.model());
  }

  /**
   * Mints a client secret without holding the calling thread. The stage fails with a
   * {@link ProviderException} named by its code when the provider or the network fails.
   *
   * @param user who the session is for; sent to OpenAI as {@code OpenAI-Safety-Identifier} (Azure
   *     documents no such header, so it is not sent there)
   */
  public CompletableFuture<MintedClientSecret> mintAsync(PreparedMint mint, SafetyIdentifier user) {
    Objects.requireNonNull(mint, "mint");
    Objects.requireNonNull(user, "user");
    Map<String, String> headers = new LinkedHashMap<>(mint.headers);
    List<String> secrets = mint.secrets;
    if (mint.entraId) {
      String token = entra.accessToken();
      headers.put("Authorization", "Bearer " + token);
      secrets = List.of(token);
    }
    if (mint.upstream == Upstream.OPENAI) {
      headers.put("OpenAI-Safety-Identifier", user.value());
    }
    List<String> redact = secrets;
    long started = System.nanoTime();
    return http.postWithoutWaiting(mint.upstream, mint.url, "application/json", mint.body, headers).thenApply(response -> {
      if (!response.isSuccess()) {
        throw UpstreamStatusFailures.toException(mint.upstream, response, mint.model, mint.source, redact, clock);
      }
      MintedClientSecret minted = ClientSecretResponse.parse(mint.upstream, response, mint.callsUrl);
      if (log.isDebugEnabled()) {
        log.debug("Client secret minted at {}: upstreamStatus={} latencyMs={}", mint.upstream.displayName(),
            minted.upstreamStatus(), minted.upstreamLatency().toMillis());
      }
      return minted;
    }).whenComplete((minted, failure) -> {
      Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
      if (cause instanceof ProviderException e) {
        log.info("Client secret mint at {} failed: outcome={} upstreamStatus={} latencyMs={}", mint.upstream.displayName(),
            e.outcome(), e.upstreamStatus().isPresent() ? e.upstreamStatus().getAsInt() : "none",
            Duration.ofNanos(System.nanoTime() - started).toMillis());
      }
    });
  }

  /** Stops the HTTP client's threads. */
  public void close() {
    http.close();
  }

  /**
   * Checks the credential (and, at OpenAI, the model) without minting anything, for the settings
   * screen's connection test: OpenAI {@code GET /v1/models/{model}}, Azure {@code GET
   * /openai/v1/models}. Authenticates exactly like {@link #mint}. Azure's data plane lists models,
   * not deployments, so only a mint can tell whether a deployment exists.
   *
   * @throws ProviderModelNotFoundException when OpenAI has no such model for this key (the key was accepted)
   * @throws ProviderException for every other failure, as for {@link #mint}
   */
  public void lookUpModel(RealtimeSettings settings, ProviderCredential credential) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(credential, "credential");
    Upstream upstream = !settings.provider().onAzure() ? Upstream.OPENAI : Upstream.AZURE_OPENAI;
    Map<String, String> headers = new LinkedHashMap<>();
    String secret = authenticate(settings, credential, headers);
    UpstreamResponse response = http.get(upstream, endpoints.modelUrl(settings), headers);
    log.info("Model lookup at {}: upstreamStatus={} latencyMs={}", upstream.displayName(), response.status(),
        response.latency().toMillis());
    if (upstream == Upstream.AZURE_OPENAI && response.status() == 404) {
      // The list itself is missing: not a deployment problem but an endpoint that is not Azure OpenAI's v1 API.
      throw new ProviderBadResponseException(upstream, "it has no model list at /openai/v1/models (HTTP 404)",
          OptionalInt.of(404), null);
    }
    if (!response.isSuccess()) {
      throw UpstreamStatusFailures.toException(upstream, response, settings.model(), credential, List.of(secret), clock);
    }
    requireModelAnswer(upstream, response);
  }

  /** Whether Microsoft Entra ID client credentials are configured for the plugin (Azure {@code auth=entra-id}). */
  public boolean entraIdConfigured() {
    return entra.isConfigured();
  }

  /** The URL the browser posts its SDP offer to, with the minted secret as bearer token. */
  public URI callsUrl(RealtimeSettings settings) {
    return endpoints.callsUrl(settings);
  }

  private static void requireModelAnswer(Upstream upstream, UpstreamResponse response) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new ProviderBadResponseException(upstream, "the body is not valid JSON", OptionalInt.of(response.status()), null);
    }
    boolean expected = root != null
        && (upstream == Upstream.OPENAI ? root.path("id").isTextual() : root.path("data").isArray());
    if (!expected) {
      throw new ProviderBadResponseException(upstream,
          upstream == Upstream.OPENAI ? "the answer is not a model" : "the answer is not a model list",
          OptionalInt.of(response.status()), null);
    }
  }

  /** Adds the auth header and returns the secret it carries, to be redacted from anything quoted. */
  private String authenticate(RealtimeSettings settings, ProviderCredential credential, Map<String, String> headers) {
    boolean wantsKey = ProviderCredential.usesApiKey(settings);
    if (wantsKey != (credential instanceof ProviderCredential.ApiKey)) {
      throw new IllegalArgumentException("provider " + settings.provider().wire() + " needs "
          + (wantsKey ? "an API key" : "the Entra ID credential") + " to mint");
    }
    if (credential instanceof ProviderCredential.ApiKey key) {
      headers.put(!settings.provider().onAzure() ? "Authorization" : "api-key",
          !settings.provider().onAzure() ? "Bearer " + key.value() : key.value());
      return key.value();
    }
    String token = entra.accessToken();
    headers.put("Authorization", "Bearer " + token);
    return token;
  }
}
