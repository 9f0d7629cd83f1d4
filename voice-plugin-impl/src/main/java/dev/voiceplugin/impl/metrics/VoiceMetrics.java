package dev.voiceplugin.impl.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The plugin's Micrometer meters, scraped in Prometheus format. Tags are low-cardinality on
 * purpose (provider, outcome code, status, scope, action): never tenant or user ids.
 */
public final class VoiceMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  private record MintMeters(Counter count, Timer latency) {}

  // Looked up once per provider and outcome, not built and registered again on every mint.
  private final java.util.concurrent.ConcurrentHashMap<String, MintMeters> mintMeters = new java.util.concurrent.ConcurrentHashMap<>();

  /** One mint attempt and how long it took end to end. */
  public void mint(String provider, String outcome, Duration took) {
    MintMeters meters = mintMeters.computeIfAbsent(provider + '|' + outcome, k -> new MintMeters(
        Counter.builder("voice_mints").description("Client secret mint attempts by provider and outcome")
            .tag("provider", provider).tag("outcome", outcome).register(registry),
        Timer.builder("voice_mint_latency").description("Time to answer a mint, including the provider call")
            .tag("provider", provider).publishPercentileHistogram().register(registry)));
    meters.count().increment();
    meters.latency().record(took);
  }

  /** A mint that waited for a rate-limit lease (none should in the steady state). */
  public void leaseOnRequestPath() {
    Counter.builder("voice_rate_limit_waits").description("Requests that waited for a rate-limit lease from the database")
        .register(registry).increment();
  }

  /** An attempt the audit had to drop because its queue was full while the database was away. */
  public void auditDropped() {
    Counter.builder("voice_audit_dropped").description("Mint attempts not audited because the audit queue was full")
        .register(registry).increment();
  }

  /** A transcript line not stored because the transcript queue was full (or the database refused its batch). */
  public void transcriptLineDropped() {
    Counter.builder("voice_transcript_lines_dropped").description("Transcript lines not stored because the writer's queue was full")
        .register(registry).increment();
  }

  /** An HTTP status the provider answered a mint with. */
  public void upstreamStatus(String provider, int status) {
    Counter.builder("voice_upstream_responses").description("Provider HTTP statuses for mints")
        .tag("provider", provider).tag("status", Integer.toString(status)).register(registry).increment();
  }

  /** A mint refused by the plugin's own rate limit. */
  public void rateLimited(String scope) {
    Counter.builder("voice_rate_limit_rejections").description("Mints refused by the per-tenant or per-user limit")
        .tag("scope", scope).register(registry).increment();
  }

  /** A saved change of a tenant's settings. */
  public void settingsChanged(String action) {
    Counter.builder("voice_settings_changes").description("Settings versions written, by action")
        .tag("action", action).register(registry).increment();
  }

  public String scrape() {
    return registry.scrape();
  }
}
