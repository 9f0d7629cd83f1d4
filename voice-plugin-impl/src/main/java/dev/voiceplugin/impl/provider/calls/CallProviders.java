package dev.voiceplugin.impl.provider.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.SafetyIdentifier;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one {@link CallProvider} the calls package is given: it hands each call to the protocol of
 * the tenant's provider, the Realtime API or GPT-Live, so nothing above it asks which one it is.
 */
public final class CallProviders implements CallProvider {
  private final CallProvider realtime;
  private final CallProvider live;

  public CallProviders(CallProvider realtime, CallProvider live) {
    this.realtime = Objects.requireNonNull(realtime, "realtime");
    this.live = Objects.requireNonNull(live, "live");
  }

  private CallProvider of(RealtimeSettings settings) {
    return settings != null && settings.provider() != null && settings.provider().live() ? live : realtime;
  }

  @Override
  public CompletableFuture<CreatedCall> create(RealtimeSettings settings, ProviderCredential credential, String sdpOffer,
      SafetyIdentifier user) {
    return of(settings).create(settings, credential, sdpOffer, user);
  }

  @Override
  public CompletableFuture<Sideband> attach(RealtimeSettings settings, ProviderCredential credential, String providerCallId,
      SidebandListener listener) {
    return of(settings).attach(settings, credential, providerCallId, listener);
  }

  @Override
  public CompletableFuture<Void> hangup(RealtimeSettings settings, ProviderCredential credential, String providerCallId) {
    return of(settings).hangup(settings, credential, providerCallId);
  }

  @Override
  public CompletableFuture<Void> end(RealtimeSettings settings, ProviderCredential credential, String providerCallId,
      Optional<Sideband> attached) {
    return of(settings).end(settings, credential, providerCallId, attached);
  }

  @Override
  public ObjectNode endingSoonEvent(RealtimeSettings settings) {
    return of(settings).endingSoonEvent(settings);
  }

  @Override
  public boolean browserCanReconfigure(RealtimeSettings settings) {
    return of(settings).browserCanReconfigure(settings);
  }
}
