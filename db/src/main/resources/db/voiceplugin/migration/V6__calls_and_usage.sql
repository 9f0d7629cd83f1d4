-- Server-controlled calls: one row per call the plugin created at the provider. The instance that
-- owns a call's sideband renews lease_until; when it stops renewing, another instance takes over.
create table voice_calls (
    id               uuid         primary key,
    tenant_id        varchar(128) not null,
    user_id          varchar(256) not null,
    provider         varchar(16)  not null,
    model            varchar(128) not null,
    provider_call_id varchar(256) not null,
    settings_version bigint       not null,
    started_at       timestamptz  not null,
    ends_at          timestamptz  not null,
    ended_at         timestamptz,
    end_reason       varchar(32),
    owner            varchar(64),
    lease_until      timestamptz
);

create index voice_calls_active_by_tenant on voice_calls (tenant_id) where ended_at is null;
create index voice_calls_by_tenant_started on voice_calls (tenant_id, started_at desc);
create index voice_calls_leases on voice_calls (lease_until) where ended_at is null;

-- One row per billed provider event (response.done, input transcription): the provider's id makes
-- a record idempotent, so a sideband that re-attaches after a failover never counts one twice.
create table voice_call_usage (
    tenant_id            varchar(128) not null,
    event_key            varchar(256) not null,
    call_id              uuid         not null references voice_calls (id),
    user_id              varchar(256) not null,
    recorded_at          timestamptz  not null,
    model                varchar(128) not null,
    input_tokens         bigint       not null default 0,
    output_tokens        bigint       not null default 0,
    input_text_tokens    bigint       not null default 0,
    input_audio_tokens   bigint       not null default 0,
    input_cached_tokens  bigint       not null default 0,
    output_text_tokens   bigint       not null default 0,
    output_audio_tokens  bigint       not null default 0,
    transcription_seconds double precision not null default 0,
    primary key (tenant_id, event_key)
);

create index voice_call_usage_by_tenant_time on voice_call_usage (tenant_id, recorded_at);
create index voice_call_usage_by_call on voice_call_usage (call_id);

-- Serialises call creation per tenant, so the concurrency cap holds exactly across instances.
create table voice_call_tenants (
    tenant_id varchar(128) primary key
);
