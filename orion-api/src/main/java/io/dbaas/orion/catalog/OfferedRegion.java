package io.dbaas.orion.catalog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A region a claim may name, as the catalog describes it; {@code displayName} is for people and may be absent. */
public record OfferedRegion(
        String provider,
        String region,
        @Nullable String displayName,
        RegionSource addedBy,
        Instant createdAt,
        Instant updatedAt) {}
