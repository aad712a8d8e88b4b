-- What happened to each cluster, as Nebula reported it: one row per event Orion accepted, written in the transaction
-- that applied the event (so a duplicate, refused or rolled-back event leaves none). Only what clients are shown is
-- kept: never a sealed key, a certificate or an address. Rows older than orion.cluster-events.retention are purged.
create table cluster_events (
    id              uuid        primary key,  -- the event's message id
    cluster_id      uuid        not null references clusters (id),
    type            text        not null,
    occurred_at     timestamptz not null,     -- the event's own time, as Nebula wrote it
    recorded_at     timestamptz not null,
    reason          text        check (char_length(reason) <= 1024),
    engine_version  text,
    node_count      integer,
    nodes_ready     integer,
    operation_id    uuid,
    next_attempt_at timestamptz
);

-- A cluster's page, newest first, continued after (occurred_at, id).
create index cluster_events_by_cluster on cluster_events (cluster_id, occurred_at desc, id desc);
-- The retention purge.
create index cluster_events_by_age on cluster_events (occurred_at);
