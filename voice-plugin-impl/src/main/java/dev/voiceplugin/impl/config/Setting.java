package dev.voiceplugin.impl.config;

/**
 * Every configuration setting the plugin reads. The README's configuration table lists the same
 * names; {@code SettingDocumentationTest} keeps the two in step.
 */
public enum Setting {
  DB_URL("VOICE_DB_URL", null, "JDBC URL of PostgreSQL, used when no JNDI data source is bound."),
  DB_USER("VOICE_DB_USER", null, "Database user for VOICE_DB_URL."),
  DB_PASSWORD("VOICE_DB_PASSWORD", null, "Database password for VOICE_DB_URL."),
  DB_JNDI_NAME("VOICE_DB_JNDI", "java:comp/env/jdbc/voice", "JNDI name of a container-provided DataSource; used when bound."),
  DB_SCHEMA("VOICE_DB_SCHEMA", "voice_plugin", "Schema that holds the plugin's tables and its Flyway history table."),
  DB_MIGRATE("VOICE_DB_MIGRATE", "true", "Run the Flyway migrations at start-up; false when the host migrates itself."),
  DB_POOL_SIZE("VOICE_DB_POOL_SIZE", "10", "Maximum connections of the built-in HikariCP pool."),
  DB_CONNECT_TIMEOUT_MS("VOICE_DB_CONNECT_TIMEOUT_MS", "3000", "How long to wait for a database connection before answering 503."),
  DB_RETRY_SECONDS("VOICE_DB_RETRY_SECONDS", "5", "While the database is down, how often to retry starting up."),
  TENANCY("VOICE_TENANCY", "container", "Tenant resolver: container, demo, or the name of a host's ServiceLoader provider."),
  AUTHORIZER("VOICE_AUTHORIZER", null, "Admin authorizer by name; defaults to VOICE_TENANCY."),
  ADMIN_ROLE("VOICE_ADMIN_ROLE", "voice-admin", "Role that may administer a tenant (container and jwt tenancy)."),
  SESSION_ROLE("VOICE_SESSION_ROLE", null, "Role that may start voice sessions (container and jwt tenancy); defaults to the admin role."),
  TENANT_ATTRIBUTE("VOICE_TENANT_ATTRIBUTE", "dev.voiceplugin.tenant", "Request attribute a host filter sets to the tenant id (container tenancy)."),
  TENANT_HEADER("VOICE_TENANT_HEADER", "X-Voice-Tenant", "Header carrying the tenant id, trusted only from VOICE_TRUSTED_PROXIES."),
  TRUSTED_PROXIES("VOICE_TRUSTED_PROXIES", "", "Comma-separated IP addresses whose VOICE_TENANT_HEADER is believed."),
  DEMO_MODE("VOICE_DEMO_MODE", "false", "Enables the demo sign-in used by the local run. Never enable in production."),
  ALLOWED_ORIGINS("VOICE_ALLOWED_ORIGINS", "", "Comma-separated origins (https://admin.example.com) besides the API's own that may send writes."),
  CORS_ORIGINS("VOICE_CORS_ORIGINS", "", "Origins (https://admin.example.com) allowed to call the API from the browser via CORS, with credentials; empty keeps CORS off."),
  MASTER_KEY("VOICE_MASTER_KEY", null, "Base64 of 32 random bytes; encrypts tenants' API keys (AES-256-GCM). Without it keys cannot be stored."),
  MASTER_KEY_ID("VOICE_MASTER_KEY_ID", "k1", "Id stored beside each ciphertext; change it when you rotate VOICE_MASTER_KEY."),
  MASTER_KEYS_PREVIOUS("VOICE_MASTER_KEYS_PREVIOUS", null, "Older master keys still accepted for decryption: id:base64,id:base64."),
  INSTRUCTIONS_MAX_CHARS("VOICE_INSTRUCTIONS_MAX_CHARS", "16000", "Longest instructions a tenant may save."),
  LIVE_INSTRUCTIONS_MAX_CHARS("VOICE_LIVE_INSTRUCTIONS_MAX_CHARS", "16384", "Longest instructions a tenant may save for the GPT-Live providers (GPT-Live allows 16,384 tokens)."),
  DEFAULT_SETTINGS("VOICE_DEFAULT_SETTINGS", null, "JSON object overriding the built-in defaults for tenants without settings, e.g. {\"voice\":\"cedar\"}."),
  OPENAI_API_KEY("OPENAI_API_KEY", null, "The platform's OpenAI key, used for tenants that saved no key of their own."),
  AZURE_OPENAI_API_KEY("AZURE_OPENAI_API_KEY", null, "The platform's Azure OpenAI key, used for Azure tenants (api-key auth) without their own."),
  OPENAI_BASE_URL("OPENAI_BASE_URL", "https://api.openai.com", "OpenAI API base URL (a trailing /v1 is accepted)."),
  PROVIDER_CONNECT_TIMEOUT_MS("VOICE_PROVIDER_CONNECT_TIMEOUT_MS", "3000", "Longest wait for a connection to the provider or Entra ID."),
  PROVIDER_READ_TIMEOUT_MS("VOICE_PROVIDER_READ_TIMEOUT_MS", "10000", "Longest wait for the provider's complete answer; one call takes at most connect + read timeout in all."),
  PROVIDER_MAX_IN_FLIGHT("VOICE_PROVIDER_MAX_IN_FLIGHT", "256", "Most provider calls under way at once per instance; more are refused with 503 provider_busy."),
  AZURE_TENANT_ID("AZURE_TENANT_ID", null, "Entra ID tenant, for Azure tenants that authenticate with entra-id."),
  AZURE_CLIENT_ID("AZURE_CLIENT_ID", null, "App registration (client credentials) used for Azure entra-id auth."),
  AZURE_CLIENT_SECRET("AZURE_CLIENT_SECRET", null, "The app registration's client secret."),
  AZURE_AUTHORITY_HOST("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com", "Entra ID authority base URL."),
  MINT_LIMIT_PER_TENANT("VOICE_MINT_LIMIT_PER_TENANT", "60/1m", "Most client secrets one tenant may mint per period (n/Ns, n/Nm, n/Nh), across all instances."),
  CALL_MAX_SECONDS("VOICE_CALL_MAX_SECONDS", "3600", "Longest any server-controlled call may last, whatever a tenant sets (the provider ends sessions at 60 minutes)."),
  RELAY_MAX_MESSAGE_BYTES("VOICE_RELAY_MAX_MESSAGE_BYTES", "65536", "Largest message a browser may send through the WebSocket relay (UTF-8 bytes, 1024 to 1048576); larger closes the socket with 1009."),
  RELAY_SLOW_CONSUMER_MS("VOICE_RELAY_SLOW_CONSUMER_MS", "10000", "How long a relayed browser may leave the relay's messages unread before its socket is closed with 4430."),
  RELAY_READY_TIMEOUT_MS("VOICE_RELAY_READY_TIMEOUT_MS", "15000", "How long the provider may take to open and confirm a relayed session before the socket is closed with 4408."),
  PRICE_TABLE("VOICE_PRICE_TABLE", null, "Optional prices per model for cost estimates: USD per million tokens, e.g. {\"gpt-realtime\":{\"inputText\":4,\"inputAudio\":32,\"inputCached\":0.4,\"outputText\":16,\"outputAudio\":64}}, and for GPT-Live USD per second, e.g. {\"gpt-live-1.1\":{\"perSecond\":0.000833,\"standbyPerSecond\":0.000333}}."),
  MINT_LIMIT_PER_USER("VOICE_MINT_LIMIT_PER_USER", "10/1m", "Most client secrets one user may mint per period, across all instances."),
  JWT_SECRET("VOICE_JWT_SECRET", null, "jwt tenancy: HS256 key, at least 32 bytes, used as its UTF-8 bytes. Set this or VOICE_JWT_JWKS_URL."),
  JWT_JWKS_URL("VOICE_JWT_JWKS_URL", null, "jwt tenancy: JWKS URL of the host's RS256/ES256 keys, cached 5 minutes; https unless loopback. Set this or VOICE_JWT_SECRET."),
  JWT_ISSUER("VOICE_JWT_ISSUER", null, "jwt tenancy: the iss every token must carry (required)."),
  JWT_AUDIENCE("VOICE_JWT_AUDIENCE", null, "jwt tenancy: the aud every token must carry (required)."),
  JWT_CLOCK_SKEW_SECONDS("VOICE_JWT_CLOCK_SKEW_SECONDS", "30", "jwt tenancy: leeway for exp and nbf, 0 to 300 seconds."),
  JWT_COOKIE("VOICE_JWT_COOKIE", "voice_token", "jwt tenancy: cookie holding the token when no Authorization: Bearer header is sent."),
  JWT_TENANT_CLAIM("VOICE_JWT_TENANT_CLAIM", "tenant", "jwt tenancy: claim holding the tenant id."),
  JWT_USER_CLAIM("VOICE_JWT_USER_CLAIM", "sub", "jwt tenancy: claim holding the user's stable id."),
  JWT_ROLES_CLAIM("VOICE_JWT_ROLES_CLAIM", "roles", "jwt tenancy: claim holding the user's roles, an array of strings, matched against VOICE_ADMIN_ROLE and VOICE_SESSION_ROLE."),
  AZURE_ENDPOINT_HOSTS("VOICE_AZURE_ENDPOINT_HOSTS", "*.openai.azure.com,*.cognitiveservices.azure.com", "Hosts a tenant's Azure endpoint may have (exact, or *.suffix); keeps platform keys and tokens from going elsewhere."),
  FRAME_ANCESTORS("VOICE_FRAME_ANCESTORS", "'self'", "CSP frame-ancestors of the admin pages: who may embed them, e.g. 'self' https://admin.example.com."),
  CSP_CONNECT_SRC("VOICE_CSP_CONNECT_SRC", "", "Extra origins the admin pages may connect to (comma-separated), e.g. a custom Azure endpoint domain."),
  METRICS_PATH("VOICE_METRICS_PATH", "/api/v1/metrics", "Where Prometheus metrics are served; empty switches them off."),
  METRICS_TOKEN("VOICE_METRICS_TOKEN", null, "When set, the metrics answer only requests with Authorization: Bearer <token>."),
  SETTINGS_CACHE_SECONDS("VOICE_SETTINGS_CACHE_SECONDS", "300", "Longest a cached tenant's settings live; changes normally arrive at once via LISTEN/NOTIFY.");

  private final String key;
  private final String defaultValue;
  private final String description;

  Setting(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The environment-variable style name, e.g. {@code VOICE_DB_URL}. */
  public String key() {
    return key;
  }

  /** The system-property style name, e.g. {@code voice.db.url}. */
  public String propertyName() {
    return key.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
