package io.dbaas.orion.region;

import io.dbaas.orion.capacity.RegionUsage;
import io.dbaas.orion.catalog.OfferedRegion;

/** A region after an operator's {@code PUT}: as the catalog offers it, its capacity, and whether it was new. */
public record RegionChange(OfferedRegion region, RegionUsage usage, boolean created) {}
