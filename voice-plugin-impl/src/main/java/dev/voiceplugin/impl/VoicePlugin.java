package dev.voiceplugin.impl;

import dev.voiceplugin.impl.config.Setting;
import dev.voiceplugin.impl.config.VoiceConfig;
import dev.voiceplugin.impl.crypto.ApiKeyCipher;
import dev.voiceplugin.impl.crypto.MasterKeys;
import dev.voiceplugin.impl.db.Database;
import dev.voiceplugin.impl.diagnostics.ConnectionDiagnostics;
import dev.voiceplugin.impl.diagnostics.DiagnosticsResource;
import dev.voiceplugin.impl.provider.ClientSecretMinter;
import dev.voiceplugin.impl.metrics.MetricsServlet;
import dev.voiceplugin.impl.metrics.VoiceMetrics;
import dev.voiceplugin.impl.security.CorsFilter;
import dev.voiceplugin.impl.security.CsrfFilter;
import dev.voiceplugin.impl.security.SecurityHeadersFilter;
import dev.voiceplugin.impl.web.ApiDocumentation;
import dev.voiceplugin.impl.limits.BudgetStore;
import dev.voiceplugin.impl.limits.LeasedBuckets;
import dev.voiceplugin.impl.session.MintRateLimiter;
import dev.voiceplugin.impl.session.MintService;
import dev.voiceplugin.impl.session.PlatformKeys;
import dev.voiceplugin.impl.session.SessionAudit;
import dev.voiceplugin.impl.session.SessionResource;
import dev.voiceplugin.impl.settings.AzureEndpointPolicy;
import dev.voiceplugin.impl.settings.SettingsCache;
import dev.voiceplugin.impl.settings.SettingsChangeListener;
import dev.voiceplugin.impl.settings.SettingsDefaults;
import dev.voiceplugin.impl.settings.SettingsResource;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.SettingsValidator;
import dev.voiceplugin.impl.tenancy.DemoSignInResource;
import dev.voiceplugin.impl.tenancy.MeResource;
import dev.voiceplugin.impl.tenancy.Tenancy;
import dev.voiceplugin.impl.web.HealthResource;
import dev.voiceplugin.impl.session.MintServlet;
import dev.voiceplugin.impl.calls.CallMetrics;
import dev.voiceplugin.impl.calls.CallRepository;
import dev.voiceplugin.impl.calls.CallService;
import dev.voiceplugin.impl.calls.CallServlet;
import dev.voiceplugin.impl.calls.CallSupervisor;
import dev.voiceplugin.impl.calls.CallsResource;
import dev.voiceplugin.impl.provider.EntraTokenSource;
import dev.voiceplugin.impl.provider.ProviderHttp;
import dev.voiceplugin.impl.provider.calls.CallProviders;
import dev.voiceplugin.impl.provider.calls.RealtimeCallProvider;
import dev.voiceplugin.impl.provider.live.LiveCallProvider;
import dev.voiceplugin.impl.usage.PriceTable;
import dev.voiceplugin.impl.usage.UsageResource;
import dev.voiceplugin.impl.usage.UsageStore;
import dev.voiceplugin.impl.web.BodyLimitFilter;
import dev.voiceplugin.impl.web.RequestIds;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The composition root: builds every long-lived part of the plugin once, in dependency order, and
 * closes them in reverse. Nothing else constructs services.
 */
public final class VoicePlugin implements AutoCloseable {
  public static final String CONTEXT_ATTRIBUTE = VoicePlugin.class.getName();

  private final VoiceConfig config;
  private final Database database;
  private final Tenancy tenancy;
  private final SettingsService settings;
  private final SettingsChangeListener settingsListener;
  private final VoiceMetrics metrics = new VoiceMetrics();
  private final SessionAudit audit;
  private final LeasedBuckets rateBuckets;
  private final SecurityHeadersFilter securityHeaders;
  private final CsrfFilter csrf;
  private final CorsFilter cors;
  private final BodyLimitFilter bodyLimits;
  private final MintServlet mintServlet;
  private final CallServlet callServlet;
  private final CallSupervisor callSupervisor;
  private final dev.voiceplugin.impl.transcripts.Transcripts transcripts;
  private final RealtimeCallProvider callProvider;
  private final dev.voiceplugin.impl.relay.RelayService relay;
  private final ProviderHttp callHttp;
  private final ClientSecretMinter minter;
  private final List<Object> resources = new ArrayList<>();

  private VoicePlugin(VoiceConfig config) {
    this.config = config;
    Clock clock = Clock.systemUTC();
    this.tenancy = Tenancy.fromConfig(config, VoicePlugin.class.getClassLoader());
    AzureEndpointPolicy azureEndpoints = new AzureEndpointPolicy(config.getList(Setting.AZURE_ENDPOINT_HOSTS));
    SettingsValidator validator = new SettingsValidator(config.getInt(Setting.INSTRUCTIONS_MAX_CHARS),
        config.getInt(Setting.LIVE_INSTRUCTIONS_MAX_CHARS), azureEndpoints);
    var defaults = SettingsDefaults.withOverrides(config.get(Setting.DEFAULT_SETTINGS), validator);
    ApiKeyCipher cipher = new ApiKeyCipher(MasterKeys.parse(config.get(Setting.MASTER_KEY),
        config.require(Setting.MASTER_KEY_ID), config.get(Setting.MASTER_KEYS_PREVIOUS)));
    // Everything that can reject the configuration runs before the database pool and threads start,
    // so a bad setting leaves nothing behind.
    Duration cacheAge = Duration.ofSeconds(config.getInt(Setting.SETTINGS_CACHE_SECONDS));
    MintRateLimiter.Limits limits = MintRateLimiter.Limits.parse(
        config.require(Setting.MINT_LIMIT_PER_TENANT), config.require(Setting.MINT_LIMIT_PER_USER));
    int maxInFlight = config.getInt(Setting.PROVIDER_MAX_IN_FLIGHT);
    if (maxInFlight < 1) {
      throw new dev.voiceplugin.impl.config.InvalidConfigurationException(Setting.PROVIDER_MAX_IN_FLIGHT, "must be at least 1");
    }
    ClientSecretMinter minter = ClientSecretMinter.fromConfig(config);
    PriceTable prices = PriceTable.parse(config.get(Setting.PRICE_TABLE));
    int callCeilingSeconds = config.getInt(Setting.CALL_MAX_SECONDS);
    if (callCeilingSeconds < 1 || callCeilingSeconds > 3600) {
      throw new dev.voiceplugin.impl.config.InvalidConfigurationException(Setting.CALL_MAX_SECONDS, "must be 1 to 3600 seconds");
    }
    // One HTTP client and Entra ID source for calls of both protocols; the Realtime provider owns every sideband.
    ProviderHttp callHttp = ProviderHttp.fromConfig(config);
    EntraTokenSource callEntra = new EntraTokenSource(config, callHttp);
    RealtimeCallProvider callProvider = new RealtimeCallProvider(callHttp, callEntra, clock);
    CallProviders callProviders = new CallProviders(callProvider, new LiveCallProvider(callHttp, callEntra, clock, callProvider));
    Duration providerDeadline = Duration.ofMillis(config.getInt(Setting.PROVIDER_CONNECT_TIMEOUT_MS)
        + (long) config.getInt(Setting.PROVIDER_READ_TIMEOUT_MS));
    boolean demoMode = config.getBoolean(Setting.DEMO_MODE);
    var relayOptions = relayOptions(config);
    List<String> connectSources = connectSources(config);
    String frameAncestors = config.require(Setting.FRAME_ANCESTORS);

    this.minter = minter;
    this.database = Database.open(config, Entities.ALL);
    SettingsCache cache = new SettingsCache(cacheAge, clock);
    this.settings = new SettingsService(database, validator, cipher, defaults, cache, clock, metrics);
    this.settingsListener = new SettingsChangeListener(database::connection, cache);
    this.audit = new SessionAudit(database, SessionAudit.DEFAULT_CAPACITY, metrics::auditDropped);
    PlatformKeys platformKeys = new PlatformKeys(config, azureEndpoints);
    this.rateBuckets = new LeasedBuckets(new BudgetStore(database), limits.longestPeriod(), metrics::leaseOnRequestPath);
    MintService mints = new MintService(settings, minter, new MintRateLimiter(rateBuckets, limits), audit, platformKeys,
        maxInFlight, clock, metrics);
    this.mintServlet = new MintServlet(tenancy, mints, providerDeadline);
    // Server-controlled calls: the call provider, the supervisor of this instance's sidebands, usage.
    this.callProvider = callProvider;
    this.callHttp = callHttp;
    UsageStore usage = new UsageStore(database, prices);
    CallRepository callRows = new CallRepository(database);
    CallMetrics callMetrics = new CallMetrics(metrics.registry());
    this.transcripts = new dev.voiceplugin.impl.transcripts.Transcripts(database,
        new dev.voiceplugin.impl.transcripts.TranscriptWriter(database, dev.voiceplugin.impl.transcripts.TranscriptWriter.DEFAULT_CAPACITY,
            metrics::transcriptLineDropped), clock);
    this.callSupervisor = new CallSupervisor(callRows, usage, callProviders, callMetrics, transcripts, clock);
    CallService calls = new CallService(settings, platformKeys, new MintRateLimiter(rateBuckets, limits), callRows, usage,
        callProviders, callSupervisor, audit, callMetrics, clock, Duration.ofSeconds(callCeilingSeconds));
    this.callServlet = new CallServlet(tenancy, calls, providerDeadline);
    this.relay = new dev.voiceplugin.impl.relay.RelayService(new dev.voiceplugin.impl.relay.RelayTickets(database), calls,
        settings, callProvider, relayOptions, clock, metrics.registry());
    this.securityHeaders = new SecurityHeadersFilter(connectSources, frameAncestors);

    Set<String> corsOrigins = new HashSet<>(config.getList(Setting.CORS_ORIGINS));
    Set<String> writeOrigins = new HashSet<>(config.getList(Setting.ALLOWED_ORIGINS));
    writeOrigins.addAll(corsOrigins);
    this.csrf = new CsrfFilter(writeOrigins);
    this.cors = corsOrigins.isEmpty() ? null : new CorsFilter(corsOrigins);
    this.bodyLimits = new BodyLimitFilter(tenancy,
        Map.of("/realtime-settings", BodyLimitFilter.settingsLimit(Math.max(validator.instructionsMaxChars(),
            validator.liveInstructionsMaxChars()))));
    resources.add(new HealthResource(database));
    resources.add(new MeResource(tenancy));
    resources.add(new SettingsResource(tenancy, settings));
    resources.add(new SessionResource(tenancy, audit));
    resources.add(new CallsResource(tenancy, calls));
    resources.add(new dev.voiceplugin.impl.relay.RelayTicketsResource(tenancy, relay));
    resources.add(new UsageResource(tenancy, usage, clock));
    resources.add(new dev.voiceplugin.impl.transcripts.TranscriptsResource(tenancy, transcripts));
    resources.add(new DiagnosticsResource(tenancy, new ConnectionDiagnostics(settings, minter, platformKeys, clock)));
    resources.add(ApiDocumentation.resource(resources));
    if (demoMode) {
      resources.add(new DemoSignInResource());
    }
    transcripts.start();
  }

  /** Builds the plugin; throws {@link dev.voiceplugin.impl.config.InvalidConfigurationException} for unusable settings. */
  public static VoicePlugin start(VoiceConfig config) {
    return new VoicePlugin(config);
  }

  public VoiceConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  public SettingsService settings() {
    return settings;
  }

  public Tenancy tenancy() {
    return tenancy;
  }

  /** The JAX-RS resources and providers, as instances. */
  public List<Object> resources() {
    return List.copyOf(resources);
  }

  /** Adds the plugin's servlet filters and servlets besides the API (called once by the listener). */
  public void registerWebComponents(ServletContext context) {
    // In this order: every filter runs before the API servlets, and each supports async (the mint).
    // Headers before the host's own filters (as before); the rest after them, so that a host filter
    // that establishes the tenant or user has run before the body-limit filter authenticates.
    FilterRegistration.Dynamic headers = context.addFilter("voice-plugin-security-headers", securityHeaders);
    headers.setAsyncSupported(true);
    headers.addMappingForUrlPatterns(null, false, "/voice-plugin/*", "/api/v1/*");
    filter(context, "voice-plugin-request-ids", new RequestIds(), "/api/v1/*");
    if (cors != null) {
      filter(context, "voice-plugin-cors", cors, "/api/v1/*");
    }
    filter(context, "voice-plugin-csrf", csrf, "/api/v1/*");
    filter(context, "voice-plugin-body-limits", bodyLimits, "/api/v1/*");
    ServletRegistration.Dynamic mint = context.addServlet("voice-plugin-mint", mintServlet);
    mint.addMapping("/api/v1/realtime-session");
    mint.setAsyncSupported(true);
    ServletRegistration.Dynamic call = context.addServlet("voice-plugin-calls", callServlet);
    call.addMapping("/api/v1/realtime-calls");
    call.setAsyncSupported(true);
    // The relay's WebSocket endpoint, through the container's own ServerContainer (Tomcat, Jetty's ee10-websocket-jakarta).
    dev.voiceplugin.impl.relay.RelayEndpoint.register(context.getAttribute("jakarta.websocket.server.ServerContainer"), relay);
    config.get(Setting.METRICS_PATH).ifPresent(path ->
        context.addServlet("voice-plugin-metrics", new MetricsServlet(metrics, config.get(Setting.METRICS_TOKEN)))
            .addMapping(path));
  }

  private static void filter(ServletContext context, String name, jakarta.servlet.Filter filter, String... patterns) {
    FilterRegistration.Dynamic registration = context.addFilter(name, filter);
    registration.setAsyncSupported(true);
    registration.addMappingForUrlPatterns(null, true, patterns);
  }

  public dev.voiceplugin.impl.relay.RelayService relay() {
    return relay;
  }

  public dev.voiceplugin.impl.transcripts.Transcripts transcripts() {
    return transcripts;
  }

  public VoiceMetrics metrics() {
    return metrics;
  }

  private static dev.voiceplugin.impl.relay.RelayOptions relayOptions(VoiceConfig config) {
    int maxBytes = config.getInt(Setting.RELAY_MAX_MESSAGE_BYTES);
    if (maxBytes < 1024 || maxBytes > 1 << 20) {
      throw new dev.voiceplugin.impl.config.InvalidConfigurationException(Setting.RELAY_MAX_MESSAGE_BYTES, "must be 1024 to 1048576");
    }
    int slow = config.getInt(Setting.RELAY_SLOW_CONSUMER_MS);
    int ready = config.getInt(Setting.RELAY_READY_TIMEOUT_MS);
    if (slow < 100 || ready < 100) {
      throw new dev.voiceplugin.impl.config.InvalidConfigurationException(
          slow < 100 ? Setting.RELAY_SLOW_CONSUMER_MS : Setting.RELAY_READY_TIMEOUT_MS, "must be at least 100 ms");
    }
    var d = dev.voiceplugin.impl.relay.RelayOptions.DEFAULTS;
    return new dev.voiceplugin.impl.relay.RelayOptions(maxBytes, d.maxHeldMessages(), d.maxBytesPerSecond(),
        d.maxMessagesPerSecond(), d.upstreamQueue(), d.browserHighWater(), d.browserLowWater(), Duration.ofMillis(slow),
        Duration.ofMillis(ready), d.idleTimeout(), d.pingInterval(), d.drainTimeout());
  }

  /** Origins the admin pages may connect to: the provider's WebRTC endpoints, plus configured extras. */
  private static List<String> connectSources(VoiceConfig config) {
    List<String> connect = new ArrayList<>(List.of(origin(config.require(Setting.OPENAI_BASE_URL)),
        "https://*.openai.azure.com", "https://*.cognitiveservices.azure.com"));
    connect.addAll(config.getList(Setting.CSP_CONNECT_SRC));
    return connect;
  }

  private static String origin(String url) {
    java.net.URI uri = java.net.URI.create(url);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  @Override
  public void close() {
    settingsListener.close();
    relay.close();
    callSupervisor.close();
    // After the supervisor: the last lines of calls it watched are in the writer's queue.
    transcripts.close();
    callProvider.close();
    callHttp.close();
    rateBuckets.close();
    audit.close();
    minter.close();
    database.close();
  }
}
