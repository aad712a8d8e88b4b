package io.dbaas.orion.capacity;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** The share of a region granted to one cluster's claim, held until the cluster fails (or, later, is deleted). */
@Entity
@Table(name = "resource_allocations")
public class ResourceAllocation implements Persistable<UUID> {

    @Id
    private UUID clusterId;

    @Embedded
    private ProviderRegion region;

    @Embedded
    private Resources share;

    private Instant allocatedAt;

    /**
     * Whether this is a new object not yet inserted. Its id is assigned, so without this Spring Data would take it for
     * an existing row and merge it, reading the row before inserting it.
     */
    @Transient
    private boolean isNew;

    @SuppressWarnings("NullAway.Init")
    protected ResourceAllocation() {}

    private ResourceAllocation(UUID clusterId, ProviderRegion region, Resources share, Instant allocatedAt) {
        this.clusterId = clusterId;
        this.region = region;
        this.share = share;
        this.allocatedAt = allocatedAt;
        this.isNew = true;
    }

    static ResourceAllocation of(UUID clusterId, ProviderRegion region, Resources share, Instant at) {
        return new ResourceAllocation(clusterId, region, share, at);
    }

    /** The cluster's share changes with its shape; only while holding the region's lock. */
    void reshare(Resources newShare) {
        this.share = newShare;
    }

    public UUID clusterId() {
        return clusterId;
    }

    public Resources share() {
        return share;
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
}
