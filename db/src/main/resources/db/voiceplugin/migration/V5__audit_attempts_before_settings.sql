-- Attempts refused before the tenant's settings could be read (the database was down and nothing
-- was cached) are audited too; they have no provider, model or settings version to record.
alter table voice_session_audit alter column provider drop not null;
alter table voice_session_audit alter column model drop not null;
alter table voice_session_audit alter column settings_version drop not null;
