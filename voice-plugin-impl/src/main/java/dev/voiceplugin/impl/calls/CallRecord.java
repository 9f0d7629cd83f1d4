package dev.voiceplugin.impl.calls;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One server-controlled call as stored: who, since when, until when at most, and how it ended.
 * {@code transport} is {@value #WEBRTC} (the browser's WebRTC call, watched through a sideband) or
 * {@value #RELAY} (the plugin's WebSocket relay, which has no provider call id).
 */
public record CallRecord(UUID id, String tenantId, String userId, String provider, String model, String providerCallId,
    long settingsVersion, Instant startedAt, Instant endsAt, Optional<Instant> endedAt, Optional<String> endReason,
    String transport) {
  public static final String WEBRTC = "webrtc";
  public static final String RELAY = "relay";

  /** A WebRTC call. */
  public CallRecord(UUID id, String tenantId, String userId, String provider, String model, String providerCallId,
      long settingsVersion, Instant startedAt, Instant endsAt, Optional<Instant> endedAt, Optional<String> endReason) {
    this(id, tenantId, userId, provider, model, providerCallId, settingsVersion, startedAt, endsAt, endedAt, endReason, WEBRTC);
  }

  public boolean relayed() {
    return RELAY.equals(transport);
  }

  public boolean active() {
    return endedAt.isEmpty();
  }
}
