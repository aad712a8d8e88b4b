package io.dbaas.orion.capacity;

import io.dbaas.orion.Quote;

/** The provider/region is not in the catalog. */
public class RegionNotFoundException extends RuntimeException {

    public RegionNotFoundException(ProviderRegion region) {
        super(Quote.of(region.toString()) + " is not an offered provider/region");
    }
}
