-- Rate limits as token buckets that instances lease from in chunks (one statement per lease),
-- replacing Bucket4j's per-mint SELECT ... FOR UPDATE on a row every mint of a tenant shared.
-- tokens: what is left in the shared bucket at refilled_at; last_grant: what the latest lease took.
create table voice_rate_limit_budgets (
    id          varchar(512)     primary key,
    tokens      double precision not null,
    refilled_at timestamptz      not null,
    last_grant  integer          not null default 0
);

create index voice_rate_limit_budgets_by_age on voice_rate_limit_budgets (refilled_at);

drop table voice_rate_limit_buckets;
