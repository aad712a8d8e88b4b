-- What each region has allocated, kept on its capacity row beside what it holds. Every claim used to add up all the
-- allocated claims of its region while holding the region's lock, so a claim cost more the more clusters the region
-- had (about 5 ms of PostgreSQL's time at 30,000 clusters against 1 ms in an empty region; docs/benchmarks/claims.md).
-- Orion changes these totals in the same transaction, under the same lock, as the claims they add up.
alter table region_capacities
    add column allocated_cpu    numeric not null default 0 check (allocated_cpu >= 0),
    add column allocated_memory numeric not null default 0 check (allocated_memory >= 0),
    add column allocated_disk   numeric not null default 0 check (allocated_disk >= 0);

update region_capacities r
set allocated_cpu = a.cpu, allocated_memory = a.memory, allocated_disk = a.disk
from (select provider, region, sum(cpu) as cpu, sum(memory) as memory, sum(disk) as disk
      from resource_claims
      where allocated_at is not null
      group by provider, region) a
where a.provider = r.provider and a.region = r.region;
