package io.dbaas.orion.region.web;

import io.dbaas.orion.capacity.RegionUsage;
import io.dbaas.orion.capacity.web.ResourceAmounts;
import io.dbaas.orion.catalog.OfferedRegion;
import io.dbaas.orion.region.RegionChange;
import java.time.Instant;
import java.util.Locale;

/**
 * A region as the catalog offers it, with its capacity. {@code display_name} is the region's id when the operator gave
 * none; {@code added_by} says whether configuration or an operator brought the region into the catalog first.
 */
record RegionResponse(
        String provider,
        String region,
        String displayName,
        String addedBy,
        ResourceAmounts capacity,
        String capacitySetBy,
        Instant createdAt,
        Instant updatedAt) {

    static RegionResponse of(RegionChange change) {
        OfferedRegion region = change.region();
        RegionUsage usage = change.usage();
        String displayName = region.displayName();
        return new RegionResponse(
                region.provider(),
                region.region(),
                displayName == null ? region.region() : displayName,
                region.addedBy().name().toLowerCase(Locale.ROOT),
                ResourceAmounts.of(usage.total()),
                usage.setBy().name().toLowerCase(Locale.ROOT),
                region.createdAt(),
                region.updatedAt());
    }
}
