package io.dbaas.orion.capacity;

import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The capacity of every offered region. */
interface RegionCapacities extends Repository<RegionCapacity, ProviderRegion> {

    Optional<RegionCapacity> findById(ProviderRegion region);

    /**
     * The region's capacity, locked until the transaction ends ({@code SELECT … FOR NO KEY UPDATE}). Everyone
     * who allocates in or frees from the region takes this lock first, so two claims never both see the same free
     * room.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from RegionCapacity c where c.id = :region")
    Optional<RegionCapacity> lock(@Param("region") ProviderRegion region);

    /** Creates the region's row, as configured, unless it exists; safe when several instances start at once. */
    @Modifying
    @Query(nativeQuery = true, value = """
            insert into region_capacities (provider, region, cpu, memory, disk, set_by, updated_at)
            values (:provider, :region, :cpu, :memory, :disk, 'CONFIGURATION', :at)
            on conflict (provider, region) do nothing""")
    int insertIfAbsent(
            @Param("provider") String provider,
            @Param("region") String region,
            @Param("cpu") BigDecimal cpu,
            @Param("memory") BigDecimal memory,
            @Param("disk") BigDecimal disk,
            @Param("at") Instant at);
}
