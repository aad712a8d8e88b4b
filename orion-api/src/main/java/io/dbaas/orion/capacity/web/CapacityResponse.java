package io.dbaas.orion.capacity.web;

import io.dbaas.orion.capacity.RegionUsage;
import java.time.Instant;
import java.util.Locale;

/**
 * A region's totals, what is allocated and still available, and how many claims wait. {@code set_by} is
 * {@code configuration} until an operator sizes the region through the API; after that, restarts keep the operator's
 * totals.
 */
record CapacityResponse(
        String provider,
        String region,
        ResourceAmounts capacity,
        ResourceAmounts allocated,
        ResourceAmounts available,
        long claimsWaiting,
        String setBy,
        Instant updatedAt) {

    static CapacityResponse of(RegionUsage usage) {
        return new CapacityResponse(
                usage.region().provider(),
                usage.region().region(),
                ResourceAmounts.of(usage.total()),
                ResourceAmounts.of(usage.allocated()),
                ResourceAmounts.of(usage.available()),
                usage.claimsWaiting(),
                usage.setBy().name().toLowerCase(Locale.ROOT),
                usage.updatedAt());
    }
}
