-- The audit trail: one row per change request that passed authentication, accepted (written in the change's own
-- transaction) or refused (written on its own). Ids only: never a token, key, password or request body.
create table audit_events (
    id                  uuid         primary key,
    occurred_at         timestamptz  not null,
    account_id          uuid         not null,
    actor_credential_id uuid         not null,
    actor_role          varchar(16)  not null,
    action              varchar(64)  not null,
    resource_type       varchar(32)  not null,
    -- Absent for a creation that was refused: nothing was created to name.
    resource_id         varchar(200),
    outcome             varchar(16)  not null check (outcome in ('accepted', 'refused')),
    status              smallint     not null check (status between 100 and 599),
    problem_type        varchar(200),
    client_address      varchar(64)  not null,
    check ((outcome = 'refused') = (problem_type is not null))
);

-- An account's trail, newest first, continued after a page token; and the operator's view of every account.
create index audit_events_account_newest on audit_events (account_id, occurred_at desc, id desc);
create index audit_events_newest on audit_events (occurred_at desc, id desc);
