package dev.voiceplugin.impl.session;

import java.time.Instant;

/**
 * One mint attempt as the audit shows it.
 *
 * @param outcome {@code ok} or the problem code the caller got
 * @param upstreamStatus the provider's HTTP status, or null when the provider was not reached
 * @param upstreamLatencyMs how long the provider took, or null when it was not called
 * @param provider, model, settingsVersion null when the attempt failed before the settings were read
 */
public record MintAttempt(
    long id, Instant at, String userId, String provider, String model, Long settingsVersion, String outcome,
    Integer upstreamStatus, Integer upstreamLatencyMs, String requestId) {}
