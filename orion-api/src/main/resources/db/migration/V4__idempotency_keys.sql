-- Idempotency-Key of accepted claims, per account: the request's fingerprint and the response it got, written in the
-- claim's own transaction, so that a key is recorded exactly when its cluster exists. Expired rows are purged.
create table idempotency_keys (
    account_id        uuid        not null references accounts (id),
    idempotency_key   text        not null,
    request_hash      bytea       not null check (octet_length(request_hash) = 32),
    response_status   integer,
    response_location text,
    response_body     text,
    created_at        timestamptz not null,
    expires_at        timestamptz not null,
    primary key (account_id, idempotency_key)
);

create index idempotency_keys_expiry on idempotency_keys (expires_at);
