-- Stored transcripts (#13), off unless a tenant turns transcripts.store on: the text of both sides of
-- a server-controlled or relayed call, never audio. retention_until is fixed when the call starts
-- (its settings' transcripts.retentionDays), so changing the setting later moves no stored purge date.
create table voice_transcripts (
    call_id         uuid         primary key references voice_calls (id),
    tenant_id       varchar(128) not null,
    user_id         varchar(256) not null,
    transport       varchar(16)  not null,
    started_at      timestamptz  not null,
    ended_at        timestamptz,
    retention_until timestamptz  not null,
    -- the call went past the per-call caps (lines or characters): later lines were not stored
    truncated       boolean      not null default false
);

create index voice_transcripts_by_tenant_started on voice_transcripts (tenant_id, started_at desc, call_id desc);
create index voice_transcripts_retention on voice_transcripts (retention_until);

-- One whole line per row (a completed input transcription, a finished answer's transcript or text).
-- item_id is the provider's conversation item: a replayed event after a failover is stored once.
create table voice_transcript_lines (
    call_id     uuid         not null references voice_transcripts (call_id) on delete cascade,
    seq         integer      not null,
    role        varchar(16)  not null check (role in ('user', 'assistant')),
    item_id     varchar(256),
    text        text         not null,
    interrupted boolean      not null default false,
    at          timestamptz  not null,
    primary key (call_id, seq)
);

create unique index voice_transcript_lines_by_item on voice_transcript_lines (call_id, role, item_id) where item_id is not null;

-- Who deleted which transcript and when (an admin through the API); the purge is logged, not recorded.
create table voice_transcript_deletions (
    id         bigserial    primary key,
    tenant_id  varchar(128) not null,
    call_id    uuid         not null,
    deleted_by varchar(256) not null,
    deleted_at timestamptz  not null
);

create index voice_transcript_deletions_by_tenant on voice_transcript_deletions (tenant_id, deleted_at desc);
