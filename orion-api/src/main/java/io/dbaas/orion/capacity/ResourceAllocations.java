package io.dbaas.orion.capacity;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The shares granted in every region. */
interface ResourceAllocations extends Repository<ResourceAllocation, UUID> {

    ResourceAllocation save(ResourceAllocation allocation);

    Optional<ResourceAllocation> findById(UUID clusterId);

    void delete(ResourceAllocation allocation);

    /** Everything allocated in the region. */
    @Query("""
            select new io.dbaas.orion.capacity.Resources(
                coalesce(sum(a.share.cpu), 0), coalesce(sum(a.share.memory), 0), coalesce(sum(a.share.disk), 0))
            from ResourceAllocation a where a.region = :region""")
    Resources totalIn(@Param("region") ProviderRegion region);
}
