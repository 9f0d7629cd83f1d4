-- The WebSocket relay (#12): a relayed session is a call too (same caps, usage and admin views),
-- told apart by its transport. It has no provider call id and cannot be re-attached elsewhere:
-- when its instance stops, the browser's socket is gone with it and the call is ended as lost.
alter table voice_calls add column transport varchar(16) not null default 'webrtc';

-- Single-use tickets for opening a relay socket (a WebSocket cannot carry our auth headers). Only a
-- SHA-256 of the ticket is stored; a ticket is consumed by deleting its row.
create table voice_relay_tickets (
    ticket_hash bytea        primary key,
    tenant_id   varchar(128) not null,
    user_id     varchar(256) not null,
    origin      varchar(512),
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null
);

create index voice_relay_tickets_expiry on voice_relay_tickets (expires_at);
