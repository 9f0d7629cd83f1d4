package dev.voiceplugin.impl.provider.calls;

import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.util.concurrent.CompletableFuture;

/**
 * Server-controlled Realtime calls at OpenAI or Azure OpenAI (GA): create a WebRTC call from the
 * browser's SDP offer with the tenant's settings and key, attach the server's sideband WebSocket
 * to it, and hang it up. Nothing above this interface asks which provider it talks to.
 *
 * <p>Every failed stage completes exceptionally with a {@link dev.voiceplugin.impl.provider.ProviderException}
 * named by its code (as the mint's are); keys never appear in an exception or a log line.
 */
public interface CallProvider {
  /**
   * Creates the call. OpenAI: multipart {@code POST /v1/realtime/calls} (parts {@code sdp} and
   * {@code session}) with the standard key. Azure: mints a short-lived client secret with the
   * session, then posts the raw SDP with it to {@code /openai/v1/realtime/calls}.
   */
  CompletableFuture<CreatedCall> create(RealtimeSettings settings, ProviderCredential credential, String sdpOffer,
      SafetyIdentifier user);

  /**
   * Attaches the sideband ({@code wss://…/v1/realtime?call_id=…}, Azure {@code …/openai/v1/realtime?call_id=…})
   * with the standard key. Events arrive on {@code listener} one at a time, in order.
   */
  CompletableFuture<Sideband> attach(RealtimeSettings settings, ProviderCredential credential, String providerCallId,
      SidebandListener listener);

  /** {@code POST …/realtime/calls/{id}/hangup}; idempotent at the provider. */
  CompletableFuture<Void> hangup(RealtimeSettings settings, ProviderCredential credential, String providerCallId);
}
