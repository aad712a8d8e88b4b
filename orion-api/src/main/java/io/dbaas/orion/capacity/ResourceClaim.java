package io.dbaas.orion.capacity;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What one cluster asks of its region in total. Waits until a {@link ResourceAllocation} grants it. */
@Entity
@Table(name = "resource_claims")
public class ResourceClaim {

    @Id
    private UUID clusterId;

    @Embedded
    private ProviderRegion region;

    @Embedded
    private Resources demand;

    private Instant claimedAt;

    @SuppressWarnings("NullAway.Init")
    protected ResourceClaim() {}

    private ResourceClaim(UUID clusterId, ProviderRegion region, Resources demand, Instant claimedAt) {
        this.clusterId = clusterId;
        this.region = region;
        this.demand = demand;
        this.claimedAt = claimedAt;
    }

    static ResourceClaim of(UUID clusterId, ProviderRegion region, Resources demand, Instant at) {
        return new ResourceClaim(clusterId, region, demand, at);
    }

    public UUID clusterId() {
        return clusterId;
    }

    public ProviderRegion region() {
        return region;
    }

    public Resources demand() {
        return demand;
    }

    public Instant claimedAt() {
        return claimedAt;
    }

    /** Grants the whole demand; only while holding the region's lock. */
    ResourceAllocation allocate(Instant at) {
        return ResourceAllocation.of(clusterId, region, demand, at);
    }
}
