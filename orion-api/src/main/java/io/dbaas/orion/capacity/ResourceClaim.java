package io.dbaas.orion.capacity;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * What one cluster asks of its region in total, and whether the region granted it. A grant is always the whole demand,
 * so the demand of an allocated claim is the cluster's share of the region.
 */
@Entity
@Table(name = "resource_claims")
public class ResourceClaim implements Persistable<UUID> {

    @Id
    private UUID clusterId;

    @Embedded
    private ProviderRegion region;

    @Embedded
    private Resources demand;

    private Instant claimedAt;

    /** Null while the claim waits for capacity. */
    private @Nullable Instant allocatedAt;

    /**
     * Whether this is a new object not yet inserted. Its id is assigned, so without this Spring Data would take it for
     * an existing row and merge it, reading the row before inserting it.
     */
    @Transient
    private boolean isNew;

    @SuppressWarnings("NullAway.Init")
    protected ResourceClaim() {}

    private ResourceClaim(UUID clusterId, ProviderRegion region, Resources demand, Instant claimedAt) {
        this.clusterId = clusterId;
        this.region = region;
        this.demand = demand;
        this.claimedAt = claimedAt;
        this.isNew = true;
    }

    static ResourceClaim of(UUID clusterId, ProviderRegion region, Resources demand, Instant at) {
        return new ResourceClaim(clusterId, region, demand, at);
    }

    /** The cluster asks for another amount, its share with it when allocated; only while holding the region's lock. */
    void redemand(Resources newDemand) {
        this.demand = newDemand;
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

    public boolean isAllocated() {
        return allocatedAt != null;
    }

    /** What the claim holds of its region: its demand once allocated, nothing while it waits. */
    public Resources share() {
        return isAllocated() ? demand : Resources.NONE;
    }

    @Override
    public UUID getId() {
        return clusterId;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    void persisted() {
        isNew = false;
    }

    /** Grants the whole demand; only while holding the region's lock. */
    void allocate(Instant at) {
        this.allocatedAt = at;
    }
}
