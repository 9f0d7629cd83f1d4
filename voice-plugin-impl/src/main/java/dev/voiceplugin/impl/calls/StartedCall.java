package dev.voiceplugin.impl.calls;

import java.time.Instant;
import java.util.UUID;

/** What the browser gets for its offer: the answer, our call id (for its resource URL), and when the call ends at the latest. */
public record StartedCall(UUID id, String sdpAnswer, Instant endsAt) {}
