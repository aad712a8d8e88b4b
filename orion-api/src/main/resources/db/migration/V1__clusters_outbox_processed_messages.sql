-- Clusters as claimed, and their status as reported by Nebula.
create table clusters (
    id                uuid primary key,
    account_id        uuid        not null,
    name              text        not null,
    engine            text        not null,
    engine_version    text        not null,
    provider          text        not null,
    region            text        not null,
    nodes             integer     not null check (nodes > 0),
    cpu               text        not null,
    memory            text        not null,
    disk              text        not null,
    endpoint          text        not null unique,
    state             text        not null,
    reason            text        not null,
    nodes_ready       integer     not null default 0,
    -- The master key sealed (AES-GCM) under the key-encryption key; never stored in clear.
    sealed_master_key text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    lock_version      bigint      not null default 0
);

create index clusters_account on clusters (account_id, created_at);

-- Commands written in the same transaction as the change that caused them; the relay publishes them in order.
create table outbox_messages (
    sequence     bigserial primary key,
    message_id   uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null,
    published_at timestamptz
);

create index outbox_messages_unpublished on outbox_messages (sequence) where published_at is null;

-- Ids of the events already applied, so that a redelivered event changes nothing.
create table processed_messages (
    message_id   uuid primary key,
    processed_at timestamptz not null
);
