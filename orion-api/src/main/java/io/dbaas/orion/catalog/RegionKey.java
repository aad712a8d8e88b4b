package io.dbaas.orion.catalog;

import jakarta.persistence.Embeddable;

/** The id of a region in the catalog: its provider and its own name. */
@Embeddable
record RegionKey(String provider, String region) {}
