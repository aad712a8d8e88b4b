-- Backups (docs/operations/backups.md). Orion keeps each cluster's policy, schedule and retention; Nebula takes and
-- deletes backups through the backup agent's Jobs (ADR 0017).

-- A cluster's policy when its admin changed it; a cluster without a row has the platform's defaults
-- (orion.backups.default-*), enabled. running_since and last_due_at are the schedule's own bookkeeping.
create table backup_policies (
    cluster_id       uuid        primary key references clusters (id),
    enabled          boolean     not null default true,
    interval_seconds bigint      check (interval_seconds > 0),  -- null: the platform's default
    retention        integer     check (retention > 0),         -- null: the platform's default
    running_since    timestamptz,                               -- the first backup is due after this
    last_due_at      timestamptz,                               -- the newest due time a backup was written for
    updated_at       timestamptz not null
);

-- One row per backup. The id (BackupIds) is unique: two schedulers, or a retried request, write one row per due time.
create table backups (
    id             text        primary key,
    page_key       uuid        not null unique,  -- orders backups started at the same instant, for page tokens
    cluster_id     uuid        not null references clusters (id),
    account_id     uuid        not null references accounts (id),
    trigger        text        not null check (trigger in ('SCHEDULED', 'ON_DEMAND')),
    nodes          integer     not null check (nodes > 0),  -- the cluster's nodes when taken: a Qdrant restore needs as many
    state          text        not null check (state in ('RUNNING', 'COMPLETED', 'FAILED', 'DELETING', 'DELETED',
                                                         'PURGED')),
    reason         text        check (char_length(reason) <= 1024),
    engine_version text,
    size_in_bytes  bigint,
    snapshots      jsonb       not null default '[]',
    operation_id   uuid,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    updated_at     timestamptz not null
);

create index backups_by_cluster on backups (cluster_id, started_at desc, page_key desc);
create index backups_by_account on backups (account_id, started_at desc, page_key desc);

-- The purge of a deleted cluster's backups: one row, so one PurgeClusterBackups command per cluster.
create table backup_purges (
    cluster_id   uuid        primary key references clusters (id),
    command_id   uuid        not null,
    requested_at timestamptz not null,
    purged_at    timestamptz
);

-- A claim may start from a backup; the cluster keeps which.
alter table clusters add column restored_from_backup_id text;

-- A backup taken on request is an operation too, but it runs beside the cluster's lifecycle: it neither blocks nor is
-- blocked by a scale, an upgrade or a deletion.
alter table operations drop constraint operations_kind_check;
alter table operations add constraint operations_kind_check
    check (kind in ('CREATE', 'SCALE', 'UPGRADE', 'DELETE', 'BACKUP'));
drop index operations_one_in_progress_per_cluster;
create unique index operations_one_in_progress_per_cluster on operations (cluster_id)
    where state in ('PENDING', 'RUNNING') and kind <> 'BACKUP';
