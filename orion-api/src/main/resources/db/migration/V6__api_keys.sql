-- What Orion knows of each API key it issued: never the key itself, nor anything that checks a guess at it without
-- the cluster's master key. The key id is the key's random salt, as written inside the key (22 base64url characters);
-- revocations name it.
create table api_keys (
    key_id          text        primary key check (key_id ~ '^[A-Za-z0-9_-]{22}$'),
    cluster_id      uuid        not null references clusters (id),
    account_id      uuid        not null references accounts (id),
    name            text        not null check (char_length(name) between 1 and 64),
    scope           text        not null check (scope in ('read-write', 'read-only')),
    created_at      timestamptz not null,
    -- Null: the key never expires on its own.
    expires_at      timestamptz,
    -- The key's last four characters (part of its checksum), so that its owner can tell keys apart.
    last_characters text        not null check (char_length(last_characters) = 4),
    revoked_at      timestamptz,
    -- The management credential that created the key.
    created_by      uuid        not null references credentials (id)
);

create index api_keys_cluster on api_keys (cluster_id, created_at);
