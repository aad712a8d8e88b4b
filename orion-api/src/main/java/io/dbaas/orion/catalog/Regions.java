package io.dbaas.orion.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Every region of the catalog, the retired ones included. */
interface Regions extends Repository<Region, RegionKey> {

    Optional<Region> findById(RegionKey id);

    /** The offered regions, by provider then region. */
    @Query("select r from Region r where r.retiredAt is null order by r.id.provider, r.id.region")
    List<Region> findOffered();

    @Query("select count(r) > 0 from Region r where r.id.provider = :provider and r.retiredAt is null")
    boolean offersProvider(@Param("provider") String provider);

    @Query("""
            select count(r) > 0 from Region r
            where r.id.provider = :provider and r.id.region = :region and r.retiredAt is null""")
    boolean offers(@Param("provider") String provider, @Param("region") String region);

    /**
     * Adds the region, offered, unless it has a row already (offered or retired); answers 1 when it added it. Safe when
     * several instances start at once.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            insert into regions (provider, region, added_by, created_at, updated_at)
            values (:provider, :region, :addedBy, :at, :at)
            on conflict (provider, region) do nothing""")
    int insertIfAbsent(
            @Param("provider") String provider,
            @Param("region") String region,
            @Param("addedBy") String addedBy,
            @Param("at") Instant at);
}
