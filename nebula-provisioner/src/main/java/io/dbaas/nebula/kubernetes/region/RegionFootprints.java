package io.dbaas.nebula.kubernetes.region;

import io.dbaas.nebula.region.RegionId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Nebula's own record of the clusters it may have written objects for (table {@code region_footprints}): recorded once
 * the region's API answered, before the first write, and forgotten when the cluster is deleted. A cluster without one
 * (and without a sealed master key, which every cluster provisioned before this record existed has) was never written
 * anywhere: deleting it needs no region, which may never have been reachable.
 */
@Component
public class RegionFootprints {

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    public RegionFootprints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean has(UUID clusterId) {
        return jdbc.sql("select exists (select 1 from region_footprints where cluster_id = :cluster)")
                .param("cluster", clusterId)
                .query(Boolean.class)
                .single();
    }

    public void record(UUID clusterId, RegionId region) {
        jdbc.sql("""
                        insert into region_footprints (cluster_id, provider, region, recorded_at)
                        values (:cluster, :provider, :region, :at)
                        on conflict (cluster_id) do nothing""")
                .param("cluster", clusterId)
                .param("provider", region.provider())
                .param("region", region.region())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    public void forget(UUID clusterId) {
        jdbc.sql("delete from region_footprints where cluster_id = :cluster")
                .param("cluster", clusterId)
                .update();
    }
}
