package io.dbaas.orion.catalog;

import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A region of the catalog, offered or retired. A retired region keeps its row so that configuration that still lists
 * it does not bring it back at the next start; only an operator does.
 */
@Entity
@Table(name = "regions")
class Region {

    @EmbeddedId
    private RegionKey id;

    private @Nullable String displayName;

    @Enumerated(EnumType.STRING)
    private RegionSource addedBy;

    private Instant createdAt;

    private Instant updatedAt;

    private @Nullable Instant retiredAt;

    @SuppressWarnings("NullAway.Init")
    protected Region() {}

    boolean isOffered() {
        return retiredAt == null;
    }

    /** An operator offers the region, as it is now described; it may have been retired before. */
    void offer(@Nullable String newDisplayName, Instant at) {
        if (retiredAt != null || !Objects.equals(displayName, newDisplayName)) {
            this.updatedAt = at;
        }
        this.displayName = newDisplayName;
        this.retiredAt = null;
    }

    /** The region is no longer offered; only while nothing lives in it (checked under the region's lock). */
    void retire(Instant at) {
        this.retiredAt = at;
        this.updatedAt = at;
    }

    OfferedRegion offered() {
        return new OfferedRegion(id.provider(), id.region(), displayName, addedBy, createdAt, updatedAt);
    }
}
