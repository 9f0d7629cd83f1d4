-- Per-tenant realtime settings and their append-only history.
-- Unqualified names: Flyway and Hibernate put them in the configured schema (VOICE_DB_SCHEMA).

create table voice_tenant_settings (
    tenant_id          varchar(128) primary key,
    version            bigint       not null check (version > 0),
    settings           jsonb        not null,
    -- AES-GCM: 12-byte nonce followed by ciphertext and tag; the key id names the master key.
    api_key_ciphertext bytea,
    api_key_key_id     varchar(64),
    api_key_last4      varchar(4),
    updated_at         timestamptz  not null,
    updated_by         varchar(256) not null,
    constraint api_key_complete check (
        (api_key_ciphertext is null and api_key_key_id is null and api_key_last4 is null)
        or (api_key_ciphertext is not null and api_key_key_id is not null and api_key_last4 is not null))
);

create table voice_tenant_settings_history (
    tenant_id          varchar(128) not null,
    version            bigint       not null,
    action             varchar(32)  not null,
    settings           jsonb        not null,
    changed_fields     jsonb        not null,
    api_key_configured boolean      not null,
    restored_from      bigint,
    changed_at         timestamptz  not null,
    changed_by         varchar(256) not null,
    primary key (tenant_id, version)
);

-- Every plugin instance sharing this database drops its cached copy of a tenant's settings when
-- this fires, whoever wrote the row.
create function voice_notify_settings_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('voice_settings_changed', coalesce(new.tenant_id, old.tenant_id));
    return null;
end;
$$;

create trigger voice_tenant_settings_changed
    after insert or update or delete on voice_tenant_settings
    for each row execute function voice_notify_settings_changed();
