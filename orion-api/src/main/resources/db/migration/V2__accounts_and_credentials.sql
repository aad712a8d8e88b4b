-- Tenants. Every cluster belongs to one; a caller sees the clusters of its own account only.
create table accounts (
    id         uuid primary key,
    name       text        not null,
    -- The platform's own account, created at first start: the only one whose credentials may hold the operator role.
    platform   boolean     not null default false,
    created_at timestamptz not null
);

create unique index accounts_single_platform on accounts (platform) where platform;

-- Management credentials. The token is shown once and never stored: only its SHA-256, which suffices for a
-- 256-bit random token (a slow password hash buys nothing against an unguessable input).
create table credentials (
    id         uuid primary key,
    account_id uuid        not null references accounts (id),
    name       text        not null,
    role       text        not null check (role in ('VIEWER', 'ADMIN', 'OPERATOR')),
    token_hash bytea       not null check (octet_length(token_hash) = 32),
    created_at timestamptz not null,
    revoked_at timestamptz
);

create index credentials_account on credentials (account_id, created_at);

-- Claims made before accounts existed belong to the former default account: keep them, under an account of their own.
insert into accounts (id, name, platform, created_at)
select distinct account_id, 'claims made before accounts existed', false, now()
from clusters;

alter table clusters add constraint clusters_account foreign key (account_id) references accounts (id);
