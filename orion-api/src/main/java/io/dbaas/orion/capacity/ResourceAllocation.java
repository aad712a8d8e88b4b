package io.dbaas.orion.capacity;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The share of a region granted to one cluster's claim, held until the cluster fails (or, later, is deleted). */
@Entity
@Table(name = "resource_allocations")
public class ResourceAllocation {

    @Id
    private UUID clusterId;

    @Embedded
    private ProviderRegion region;

    @Embedded
    private Resources share;

    private Instant allocatedAt;

    @SuppressWarnings("NullAway.Init")
    protected ResourceAllocation() {}

    private ResourceAllocation(UUID clusterId, ProviderRegion region, Resources share, Instant allocatedAt) {
        this.clusterId = clusterId;
        this.region = region;
        this.share = share;
        this.allocatedAt = allocatedAt;
    }

    static ResourceAllocation of(UUID clusterId, ProviderRegion region, Resources share, Instant at) {
        return new ResourceAllocation(clusterId, region, share, at);
    }

    public UUID clusterId() {
        return clusterId;
    }

    public Resources share() {
        return share;
    }
}
