package io.dbaas.orion.capacity;

import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What one provider/region can hold in total. Its row is also the region's lock: whoever allocates in the region
 * holds it (see {@link RegionCapacities#lock}).
 */
@Entity
@Table(name = "region_capacities")
public class RegionCapacity {

    @EmbeddedId
    private ProviderRegion id;

    @Embedded
    private Resources total;

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
