package io.dbaas.orion.capacity;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What one provider/region can hold in total, and how much of it its claims hold now. Its row is also the region's
 * lock: whoever allocates in the region holds it (see {@link RegionCapacities#lock}) and changes {@code allocated} in
 * the same transaction, so reading what is free costs the same however many clusters the region has.
 */
@Entity
@Table(name = "region_capacities")
public class RegionCapacity {

    @EmbeddedId
    private ProviderRegion id;

    @Embedded
    private Resources total;

    /** The sum of the shares of the region's allocated claims. */
    @Embedded
    @AttributeOverride(name = "cpu", column = @Column(name = "allocated_cpu"))
    @AttributeOverride(name = "memory", column = @Column(name = "allocated_memory"))
    @AttributeOverride(name = "disk", column = @Column(name = "allocated_disk"))
    private Resources allocated;

    @Enumerated(EnumType.STRING)
    private CapacitySource setBy;

    private Instant updatedAt;

    @SuppressWarnings("NullAway.Init")
    protected RegionCapacity() {}

    public ProviderRegion region() {
        return id;
    }

    public Resources total() {
        return total;
    }

    public Resources allocated() {
        return allocated;
    }

    /** What is left for new claims; nothing once the region was shrunk below what it holds. */
    public Resources free() {
        return total.minus(allocated);
    }

    /** A claim's share changed from {@code before} to {@code after}; only while holding the region's lock. */
    void reshare(Resources before, Resources after) {
        this.allocated = allocated.plus(after).less(before);
    }

    public CapacitySource setBy() {
        return setBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** An operator sized the region; from now on configuration no longer changes it. */
    void resizeByOperator(Resources newTotal, Instant at) {
        this.total = newTotal;
        this.setBy = CapacitySource.OPERATOR;
        this.updatedAt = at;
    }

    /** Configuration sized the region; ignored once an operator has sized it through the API. */
    void applyConfiguration(Resources configured, Instant at) {
        if (setBy == CapacitySource.CONFIGURATION && !configured.isSameAs(total)) {
            this.total = configured;
            this.updatedAt = at;
        }
    }
}
