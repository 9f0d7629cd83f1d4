-- Every attempt to mint a client secret, successful or not. Never the secret itself.
create table voice_session_audit (
    id                  bigserial    primary key,
    tenant_id           varchar(128) not null,
    user_id             varchar(256) not null,
    created_at          timestamptz  not null,
    provider            varchar(16)  not null,
    model               varchar(128) not null,
    settings_version    bigint       not null,
    outcome             varchar(64)  not null,
    upstream_status     integer,
    upstream_latency_ms integer,
    request_id          varchar(64)
);

create index voice_session_audit_by_tenant on voice_session_audit (tenant_id, created_at desc, id desc);

-- Bucket4j's PostgreSQL buckets: per-tenant and per-user mint limits shared by every instance.
create table voice_rate_limit_buckets (
    id         varchar(512) primary key,
    state      bytea,
    expires_at bigint
);
