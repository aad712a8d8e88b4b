-- The master key of every cluster Nebula provisions, sealed (AES-256-GCM under the key-encryption key, the cluster
-- id as associated data). The clear key lives only in the cluster's Kubernetes Secret; this copy lets Nebula restore
-- that Secret, with the same key, when it disappears.
create table sealed_master_keys (
    cluster_id uuid primary key,
    sealed_key text        not null,
    created_at timestamptz not null
);
