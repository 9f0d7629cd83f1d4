package dev.voiceplugin.impl.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.provider.ClientSecretMinter;
import dev.voiceplugin.impl.provider.PreparedMint;
import dev.voiceplugin.impl.provider.ProviderCredential;
import dev.voiceplugin.impl.provider.RealtimeSessionConfig;
import dev.voiceplugin.impl.settings.Provider;
import dev.voiceplugin.impl.settings.RealtimeSettings;
import dev.voiceplugin.impl.settings.SettingsService;
import dev.voiceplugin.impl.settings.StoredSettings;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a tenant's mints send and answer, built once per cached settings value: the decrypted key,
 * the serialised provider request, the {@code session.update} event and the answer's fixed bytes. A plan is used only with
 * the very {@link StoredSettings} instance it was built from, so any change (this instance's write,
 * a notification from another, the cache's age limit) builds a new one.
 */
final class MintPlans {
  private static final int MAX_PLANS = 10_000;

  record Plan(StoredSettings stored, PreparedMint prepared, ObjectNode sessionUpdate, String webrtcUrl, MintAnswer answer) {}

  private final ConcurrentHashMap<TenantId, Plan> plans = new ConcurrentHashMap<>();
  private final SettingsService settings;
  private final ClientSecretMinter minter;
  private final PlatformKeys platformKeys;

  MintPlans(SettingsService settings, ClientSecretMinter minter, PlatformKeys platformKeys) {
    this.settings = settings;
    this.minter = minter;
    this.platformKeys = platformKeys;
  }

  Plan forTenant(TenantId tenant, StoredSettings stored) {
    Plan plan = plans.get(tenant);
    if (plan != null && plan.stored() == stored) {
      return plan;
    }
    RealtimeSettings s = stored.settings();
    ObjectNode sessionUpdate = RealtimeSessionConfig.sessionUpdateEvent(s);
    String webrtcUrl = minter.callsUrl(s).toString();
    Plan built = new Plan(stored, minter.prepare(s, credential(tenant, stored)), sessionUpdate, webrtcUrl,
        MintAnswer.of(s.provider().wire(), s.model(), webrtcUrl, sessionUpdate, s.iceServers(), stored.version()));
    if (plans.size() >= MAX_PLANS) {
      plans.clear(); // bounded: forgetting only costs the next mint of each tenant one rebuild
    }
    plans.put(tenant, built);
    return built;
  }

  private ProviderCredential credential(TenantId tenant, StoredSettings stored) {
    return TenantCredentials.of(settings, platformKeys, tenant, stored);
  }
}
