package io.dbaas.orion.capacity;

import java.time.Instant;

/** A region's capacity, what is allocated of it and how many claims wait for it. */
public record RegionUsage(
        ProviderRegion region,
        Resources total,
        Resources allocated,
        long claimsWaiting,
        CapacitySource setBy,
        Instant updatedAt) {

    /** What a new claim could still get; zero when the region was shrunk below what it had allocated. */
    public Resources available() {
        return total.minus(allocated);
    }
}
