-- The provider catalog's regions: what a claim may name as provider/region. Configuration adds regions at start
-- (insert when absent, never touching an existing row); operators add, rename and retire them through the API. A
-- retired region keeps its row, so that a restart whose configuration still lists it does not bring it back: only an
-- operator's PUT does. Names are DNS labels, as they end up in cluster host names (<uuid>.<region>.<provider>.<domain>).
create table regions (
    provider     text        not null check (provider ~ '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'),
    region       text        not null check (region ~ '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'),
    -- For people; null shows the region's id.
    display_name text        check (char_length(display_name) between 1 and 100),
    added_by     text        not null check (added_by in ('CONFIGURATION', 'OPERATOR')),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    -- Null while the region is offered.
    retired_at   timestamptz,
    primary key (provider, region)
);
