package io.dbaas.orion.region;

import io.dbaas.orion.capacity.ProviderRegion;

/** A region cannot be retired while something lives in it or waits for it; nothing was changed. */
public class RegionInUseException extends RuntimeException {

    private final long clusters;
    private final long claimsWaiting;

    RegionInUseException(ProviderRegion region, long clusters, long claimsWaiting) {
        super(("Region %s still holds %d cluster(s) that are not DELETED and %d claim(s) waiting for capacity; delete"
                        + " them before retiring it")
                .formatted(region, clusters, claimsWaiting));
        this.clusters = clusters;
        this.claimsWaiting = claimsWaiting;
    }

    public long clusters() {
        return clusters;
    }

    public long claimsWaiting() {
        return claimsWaiting;
    }
}
