package io.dbaas.orion.capacity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Every cluster's claim on its region. */
interface ResourceClaims extends Repository<ResourceClaim, UUID> {

    ResourceClaim save(ResourceClaim claim);

    Optional<ResourceClaim> findById(UUID clusterId);

    void delete(ResourceClaim claim);

    /** The claims of the region that hold no allocation, oldest first. */
    @Query("""
            select c from ResourceClaim c
            where c.region = :region
              and c.allocatedAt is null
            order by c.claimedAt, c.clusterId""")
    List<ResourceClaim> waitingIn(@Param("region") ProviderRegion region);

    @Query("""
            select count(c) from ResourceClaim c
            where c.region = :region
              and c.allocatedAt is null""")
    long countWaitingIn(@Param("region") ProviderRegion region);
}
