package dev.voiceplugin.impl.diagnostics;

import dev.voiceplugin.api.Caller;
import dev.voiceplugin.impl.session.PlatformKeys;
import dev.voiceplugin.impl.provider.ClientSecretMinter;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.StoredSettings;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests the caller's tenant's saved settings against the provider, step by step, for the settings
 * screen's "Test connection". Uses the same credential choice and minter as a real session, but
 * not the mint rate limits or the session audit: it starts no session. Keys and the minted
 * secret stay inside; the report holds only safe texts.
 */
public final class ConnectionDiagnostics {
  private static final Logger log = LoggerFactory.getLogger(ConnectionDiagnostics.class);
  /** Ten tests a minute per tenant is plenty for a person and cheap to keep. */
  static final int RUNS_PER_MINUTE = 10;

  private final SettingsService settings;
  private final TenantCredentials credentials;
  private final ProviderChecks checks;
  private final DiagnosticsLimiter limiter;

  public ConnectionDiagnostics(SettingsService settings, ClientSecretMinter minter, PlatformKeys platformKeys, Clock clock) {
    this.settings = settings;
    this.credentials = new TenantCredentials(settings, platformKeys);
    this.checks = new ProviderChecks(minter);
    this.limiter = new DiagnosticsLimiter(RUNS_PER_MINUTE, Duration.ofMinutes(1), clock);
  }

  /** Runs every step for the caller's tenant; failures are steps, not exceptions (except 429 and database outages). */
  public DiagnosticsReport run(Caller caller) {
    limiter.acquire(caller.tenant());
    StoredSettings stored = settings.current(caller.tenant());
    DiagnosticsReport report = checks.run(stored.settings(), stored.version(),
        () -> credentials.choose(caller.tenant(), stored), SafetyIdentifier.forCaller(caller));
    log.info("Connection test for tenant {} (settings version {}): ok={} failedStep={} code={}",
        caller.tenant().value(), stored.version(), report.ok(),
        report.failure().map(DiagnosticStep::id).orElse("none"), report.failure().map(DiagnosticStep::code).orElse("none"));
    return report;
  }
}
