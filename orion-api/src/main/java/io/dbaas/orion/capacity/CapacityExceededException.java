package io.dbaas.orion.capacity;

/** A scale or resize needs more of its region than is free; nothing was reserved or changed. */
public class CapacityExceededException extends RuntimeException {

    public CapacityExceededException(ProviderRegion region, Resources extra, Resources free) {
        super(("Region %s cannot hold this change: it needs %s more; %s are free. Ask for less, or for capacity to be"
                        + " added to the region.")
                .formatted(region, extra.describe(), free.describe()));
    }
}
