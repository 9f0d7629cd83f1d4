-- GPT-Live bills session time by the second, not tokens. Its sideband reports the session's seconds
-- so far (cumulative), so each GPT-Live call has one row (event_key 'live-seconds:<call id>') that
-- only ever rises to the newest figure: a replay after failover cannot count twice.
-- standby_seconds is the part billed at the lower standby rate, where the provider reports it;
-- it is a subset of session_seconds, as cached tokens are of input tokens.
alter table voice_call_usage add column session_seconds double precision not null default 0;
alter table voice_call_usage add column standby_seconds double precision not null default 0;
