package dev.voiceplugin.impl.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.voiceplugin.api.Caller;
import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.impl.crypto.ApiKeyCipher;
import dev.voiceplugin.impl.crypto.ApiKeyStorageUnavailableException;
import dev.voiceplugin.impl.db.Database;
import dev.voiceplugin.impl.metrics.VoiceMetrics;
import dev.voiceplugin.impl.web.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Reads and changes tenants' realtime settings. Every change is one transaction that locks the
 * tenant's row, checks the expected version, writes the new version and appends to the history;
 * the API key is sealed with {@link ApiKeyCipher} before it reaches Hibernate.
 */
public final class SettingsService {
  private final Database database;
  private final SettingsRepository repository = new SettingsRepository();
  private final SettingsValidator validator;
  private final ApiKeyCipher cipher;
  private final RealtimeSettings defaults;
  private final SettingsCache cache;
  private final Clock clock;
  private final VoiceMetrics metrics;

  public SettingsService(Database database, SettingsValidator validator, ApiKeyCipher cipher, RealtimeSettings defaults,
      SettingsCache cache, Clock clock, VoiceMetrics metrics) {
    this.database = database;
    this.validator = validator;
    this.cipher = cipher;
    this.defaults = defaults;
    this.cache = cache;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The tenant's settings (cached), or the platform defaults at version 0. */
  public StoredSettings current(TenantId tenant) {
    return cache.get(tenant, () -> database.inTransaction(s -> repository.find(s, tenant).map(SettingsService::toStored)
        .orElseGet(() -> StoredSettings.defaults(defaults))));
  }

  public SettingsDocument document(TenantId tenant) {
    return SettingsDocument.of(tenant.value(), current(tenant), validator);
  }

  /** The tenant's own decrypted API key, if one is stored. Never log the result. */
  public Optional<String> apiKey(TenantId tenant, StoredSettings stored) {
    return stored.sealedApiKey().map(sealed -> cipher.decrypt(tenant, sealed));
  }

  public SettingsDocument update(Caller caller, long expectedVersion, SettingsUpdate update) {
    List<FieldError> errors = new ArrayList<>(validator.validate(update == null ? null : update.settings(), "settings."));
    String apiKey = update == null ? null : update.apiKey();
    if (apiKey != null && !apiKey.matches("[\\x21-\\x7e]{8,512}")) {
      errors.add(new FieldError("apiKey", "invalid_format", "must be 8-512 printable characters without spaces"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationFailedException(errors);
    }
    if (apiKey != null && !cipher.canEncrypt()) {
      throw new ApiKeyStorageUnavailableException();
    }
    KeyChange keyChange = apiKey == null ? KeyChange.KEEP : KeyChange.set(cipher.encrypt(caller.tenant(), apiKey), last4(apiKey));
    return write(caller, OptionalLong.of(expectedVersion), "update", update.settings(), keyChange, null);
  }

  public SettingsDocument restore(Caller caller, long version, OptionalLong expectedVersion) {
    RealtimeSettings old = database.inTransaction(s -> repository.findHistory(s, caller.tenant(), version))
        .map(h -> read(h.settingsJson)).orElseThrow(() -> new VersionNotFoundException(version));
    return write(caller, expectedVersion, "restore", old, KeyChange.KEEP, version);
  }

  public SettingsDocument removeApiKey(Caller caller, OptionalLong expectedVersion) {
    return write(caller, expectedVersion, "api_key_removed", null, KeyChange.REMOVE, null);
  }

  public HistoryPage history(TenantId tenant, int page, int size) {
    return database.inTransaction(s -> {
      List<HistoryPage.Entry> items = repository.history(s, tenant, page * size, size).stream()
          .map(h -> new HistoryPage.Entry(h.key.version, h.action, h.changedAt, h.changedBy, readFields(h.changedFieldsJson),
              h.restoredFrom, h.apiKeyConfigured, read(h.settingsJson)))
          .toList();
      return new HistoryPage(items, page, size, repository.countHistory(s, tenant));
    });
  }

  private SettingsDocument write(Caller caller, OptionalLong expectedVersion, String action, RealtimeSettings newSettings,
      KeyChange keyChange, Long restoredFrom) {
    TenantId tenant = caller.tenant();
    StoredSettings written;
    try {
      written = database.inTransaction(s -> {
        Optional<TenantSettingsEntity> existing = repository.findForUpdate(s, tenant);
        long current = existing.map(e -> e.version).orElse(0L);
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current) {
          throw new SettingsConflictException(current);
        }
        RealtimeSettings before = existing.map(e -> read(e.settingsJson)).orElse(defaults);
        RealtimeSettings after = newSettings == null ? before : newSettings;
        TenantSettingsEntity entity = existing.orElseGet(TenantSettingsEntity::new);
        boolean hadKey = entity.apiKeyCiphertext != null;
        entity.tenantId = tenant.value();
        entity.version = current + 1;
        entity.settingsJson = write(after);
        keyChange.applyTo(entity);
        entity.updatedAt = Instant.now(clock);
        entity.updatedBy = caller.userId();
        if (existing.isEmpty()) {
          repository.insert(s, entity);
        }
        List<String> changed = new ArrayList<>(SettingsDiff.changedFields(before, after));
        if (keyChange != KeyChange.KEEP && (hadKey || entity.apiKeyCiphertext != null)) {
          changed.add("apiKey");
        }
        repository.appendHistory(s, history(entity, action, changed, restoredFrom));
        s.flush();
        return toStored(entity);
      });
    } catch (ConstraintViolationException e) {
      // Two first-ever saves raced on the insert; the loser's view is stale.
      throw new SettingsConflictException(current(tenant).version());
    } finally {
      cache.invalidate(tenant);
    }
    metrics.settingsChanged(action);
    return SettingsDocument.of(tenant.value(), written, validator);
  }

  private static SettingsHistoryEntity history(TenantSettingsEntity e, String action, List<String> changed, Long restoredFrom) {
    SettingsHistoryEntity h = new SettingsHistoryEntity();
    h.key = new SettingsHistoryEntity.Key(e.tenantId, e.version);
    h.action = action;
    h.settingsJson = e.settingsJson;
    h.changedFieldsJson = writeJson(changed);
    h.apiKeyConfigured = e.apiKeyCiphertext != null;
    h.restoredFrom = restoredFrom;
    h.changedAt = e.updatedAt;
    h.changedBy = e.updatedBy;
    return h;
  }

  private static StoredSettings toStored(TenantSettingsEntity e) {
    Optional<ApiKeyCipher.Sealed> sealed = e.apiKeyCiphertext == null ? Optional.empty()
        : Optional.of(new ApiKeyCipher.Sealed(e.apiKeyCiphertext.clone(), e.apiKeyKeyId));
    return new StoredSettings(e.version, read(e.settingsJson), sealed, Optional.ofNullable(e.apiKeyLast4),
        Optional.of(e.updatedAt), Optional.of(e.updatedBy));
  }

  private static String last4(String apiKey) {
    return apiKey.substring(apiKey.length() - 4);
  }

  static RealtimeSettings read(String json) {
    try {
      return Json.mapper().readValue(json, RealtimeSettings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored settings are not readable: " + e.getOriginalMessage(), e);
    }
  }

  private static List<String> readFields(String json) {
    try {
      return Json.mapper().readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored history is not readable", e);
    }
  }

  private static String write(RealtimeSettings settings) {
    return writeJson(settings);
  }

  private static String writeJson(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a write does to the stored API key. */
  private record KeyChange(String kind, ApiKeyCipher.Sealed sealed, String last4) {
    static final KeyChange KEEP = new KeyChange("keep", null, null);
    static final KeyChange REMOVE = new KeyChange("remove", null, null);

    static KeyChange set(ApiKeyCipher.Sealed sealed, String last4) {
      return new KeyChange("set", sealed, last4);
    }

    void applyTo(TenantSettingsEntity e) {
      switch (kind) {
        case "set" -> {
          e.apiKeyCiphertext = sealed.ciphertext();
          e.apiKeyKeyId = sealed.keyId();
          e.apiKeyLast4 = last4;
        }
        case "remove" -> {
          e.apiKeyCiphertext = null;
          e.apiKeyKeyId = null;
          e.apiKeyLast4 = null;
        }
        default -> { }
      }
    }
  }
}
