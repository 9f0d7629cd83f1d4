package dev.voiceplugin.impl.provider.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Server-controlled calls at OpenAI or Azure OpenAI, over the Realtime API (GA) or GPT-Live: create
 * a WebRTC call from the browser's SDP offer with the tenant's settings and key, attach the
 * server's sideband WebSocket to it, and end it. Nothing above this interface asks which provider
 * or protocol it talks to.
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

  /**
   * Ends the call and completes once the provider has confirmed it (or gave up), so events still on
   * the way, such as final usage, reach the sideband first. {@code attached} is this instance's
   * sideband of the call, if it holds one: a protocol that ends calls with an event (GPT-Live's
   * {@code session.close}) sends it there; the Realtime API hangs up over REST.
   */
  default CompletableFuture<Void> end(RealtimeSettings settings, ProviderCredential credential, String providerCallId,
      Optional<Sideband> attached) {
    return hangup(settings, credential, providerCallId);
  }

  /** The client event, for the sideband, that has the assistant say in one sentence that the call ends in a minute. */
  ObjectNode endingSoonEvent(RealtimeSettings settings);

  /**
   * Whether the browser can change this call's session itself (the Realtime data channel takes
   * {@code session.update}), so the supervisor must put the tenant's back when it sees a changed one.
   */
  boolean browserCanReconfigure(RealtimeSettings settings);
}
