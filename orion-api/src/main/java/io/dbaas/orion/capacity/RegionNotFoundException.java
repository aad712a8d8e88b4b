package io.dbaas.orion.capacity;

/** The provider/region is not in the catalog. */
public class RegionNotFoundException extends RuntimeException {

    public RegionNotFoundException(ProviderRegion region) {
        super("'" + region + "' is not an offered provider/region");
    }
}
