package io.dbaas.nebula.region;

import java.util.Objects;

/** A provider/region pair of the catalog, as a command names it. */
public record RegionId(String provider, String region) {

    public RegionId {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
    }

    @Override
    public String toString() {
        return provider + "/" + region;
    }
}
