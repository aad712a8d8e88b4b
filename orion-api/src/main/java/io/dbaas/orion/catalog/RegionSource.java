package io.dbaas.orion.catalog;

/** Who added a region to the catalog first. */
public enum RegionSource {
    /** {@code orion.catalog.providers} listed it at a start. */
    CONFIGURATION,
    /** An operator created it through the API. */
    OPERATOR
}
