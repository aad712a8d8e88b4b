-- Commands Nebula accepted and could not carry out yet, because the region's Kubernetes API was unreachable or
-- answered with a failure that may pass (5xx, 429, a timeout). A scheduler tries each again with back-off until it is
-- done or the retry horizon has passed; kept here rather than on the Kafka consumer, so that one region that is down
-- never holds a partition. Within a cluster, commands run in the order they arrived (seq).
create table pending_commands (
    command_id       uuid primary key,
    cluster_id       uuid        not null,
    seq              bigserial   not null,
    command          bytea       not null,
    received_at      timestamptz not null,
    attempts         integer     not null default 0,
    first_failure_at timestamptz,
    next_attempt_at  timestamptz not null,
    last_problem     text
);

create index pending_commands_by_cluster on pending_commands (cluster_id, seq);

-- The clusters Nebula may have written objects for, and where: recorded once the region's API answered, before the
-- first write. A cluster with no footprint and no sealed master key was never created anywhere, so deleting it needs
-- no region.
create table region_footprints (
    cluster_id  uuid primary key,
    provider    text        not null,
    region      text        not null,
    recorded_at timestamptz not null
);
