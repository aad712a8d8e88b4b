-- What each cluster runs, as Nebula last confirmed it. The columns beside them (engine_version, nodes, cpu, memory,
-- disk) hold the shape asked for: the two differ only while a scale, resize or upgrade is under way.
alter table clusters
    add column running_version text,
    add column running_nodes   integer,
    add column running_cpu     text,
    add column running_memory  text,
    add column running_disk    text;

update clusters
set running_version = engine_version,
    running_nodes   = nodes,
    running_cpu     = cpu,
    running_memory  = memory,
    running_disk    = disk;

alter table clusters
    alter column running_version set not null,
    alter column running_nodes set not null,
    alter column running_cpu set not null,
    alter column running_memory set not null,
    alter column running_disk set not null,
    add constraint clusters_running_nodes check (running_nodes > 0);

-- Every accepted change of a cluster (create, scale, upgrade, delete). The id is the id of the command sent to Nebula,
-- so that Nebula's events (metadata.causation_id) find their operation. requested_* hold what the client asked to
-- change; null where it asked for nothing.
create table operations (
    id                uuid primary key,
    cluster_id        uuid        not null references clusters (id),
    account_id        uuid        not null references accounts (id),
    kind              text        not null check (kind in ('CREATE', 'SCALE', 'UPGRADE', 'DELETE')),
    state             text        not null check (state in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    error             text,
    requested_version text,
    requested_nodes   integer,
    requested_cpu     text,
    requested_memory  text,
    requested_disk    text,
    created_at        timestamptz not null,
    started_at        timestamptz,
    finished_at       timestamptz
);

create index operations_cluster on operations (cluster_id, created_at desc);

-- At most one operation of a cluster is under way: the database refuses a second even if a bug let it through.
create unique index operations_one_in_progress_per_cluster on operations (cluster_id)
    where state in ('PENDING', 'RUNNING');
