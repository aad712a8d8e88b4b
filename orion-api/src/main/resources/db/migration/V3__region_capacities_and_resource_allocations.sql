-- What each provider/region can hold, in base units: CPU in cores, memory and disk in bytes. Set by configuration
-- until an operator changes it through the API; set_by says which, so that a restart never undoes an operator's change.
create table region_capacities (
    provider   text        not null,
    region     text        not null,
    cpu        numeric     not null check (cpu >= 0),
    memory     numeric     not null check (memory >= 0),
    disk       numeric     not null check (disk >= 0),
    set_by     text        not null check (set_by in ('CONFIGURATION', 'OPERATOR')),
    updated_at timestamptz not null,
    primary key (provider, region)
);

-- What each claimed cluster asks for in total (nodes x per-node resources). A claim without an allocation waits for
-- capacity; claims wait and are served oldest first.
create table resource_claims (
    cluster_id uuid primary key references clusters (id),
    provider   text        not null,
    region     text        not null,
    cpu        numeric     not null,
    memory     numeric     not null,
    disk       numeric     not null,
    claimed_at timestamptz not null,
    foreign key (provider, region) references region_capacities (provider, region)
);

create index resource_claims_region on resource_claims (provider, region, claimed_at, cluster_id);

-- The share of a region granted to a claim. Written only while holding the region's row lock, so that the sum of a
-- region's allocations never exceeds what it held when they were made.
create table resource_allocations (
    cluster_id   uuid primary key references resource_claims (cluster_id),
    provider     text        not null,
    region       text        not null,
    cpu          numeric     not null,
    memory       numeric     not null,
    disk         numeric     not null,
    allocated_at timestamptz not null
);

create index resource_allocations_region on resource_allocations (provider, region);
