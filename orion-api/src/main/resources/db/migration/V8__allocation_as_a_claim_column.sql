-- A claim's allocation was a row of its own that repeated the claim's region and demand: an allocation always grants
-- the whole demand, and the two changed together. It becomes the moment the claim was granted, null while it waits.
-- The allocated share is what the region's accounting summed, so it is kept as the claim's demand.
alter table resource_claims add column allocated_at timestamptz;

update resource_claims c
set allocated_at = a.allocated_at, cpu = a.cpu, memory = a.memory, disk = a.disk
from resource_allocations a
where a.cluster_id = c.cluster_id;

drop table resource_allocations;

-- Every claim counts the claims waiting in its region; they are few, the allocated ones many.
create index resource_claims_waiting on resource_claims (provider, region, claimed_at, cluster_id)
    where allocated_at is null;
