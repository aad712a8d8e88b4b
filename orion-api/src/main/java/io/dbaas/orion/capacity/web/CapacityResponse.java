package io.dbaas.orion.capacity.web;

import io.dbaas.orion.capacity.RegionUsage;
import io.dbaas.orion.capacity.Resources;
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
        Amounts capacity,
        Amounts allocated,
        Amounts available,
        long claimsWaiting,
        String setBy,
        Instant updatedAt) {

    /** CPU, memory and disk as Kubernetes quantities. */
    record Amounts(String cpu, String memory, String disk) {

        static Amounts of(Resources resources) {
            return new Amounts(
                    resources.cpuQuantity().text(),
                    resources.memoryQuantity().text(),
                    resources.diskQuantity().text());
        }
    }

    static CapacityResponse of(RegionUsage usage) {
        return new CapacityResponse(
                usage.region().provider(),
                usage.region().region(),
                Amounts.of(usage.total()),
                Amounts.of(usage.allocated()),
                Amounts.of(usage.available()),
                usage.claimsWaiting(),
                usage.setBy().name().toLowerCase(Locale.ROOT),
                usage.updatedAt());
    }
}
