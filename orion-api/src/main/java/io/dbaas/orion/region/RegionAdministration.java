package io.dbaas.orion.region;

import io.dbaas.orion.capacity.Capacity;
import io.dbaas.orion.capacity.ProviderRegion;
import io.dbaas.orion.capacity.RegionNotFoundException;
import io.dbaas.orion.capacity.RegionUsage;
import io.dbaas.orion.capacity.Resources;
import io.dbaas.orion.catalog.Catalog;
import io.dbaas.orion.catalog.OfferedRegion;
import io.dbaas.orion.catalog.RegionOffers;
import io.dbaas.orion.cluster.Clusters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator adds, describes and retires regions. Each change holds the region's lock (its capacity row), which every
 * claim in the region takes before it is recorded: a claim and a retirement of one region are decided one after the
 * other, so a retirement never leaves a cluster behind in a region nobody offers.
 *
 * <p>Adding a region here makes it claimable; it does not tell Nebula how to reach the region's Kubernetes API. That
 * stays Nebula's configuration, and a claim for a region Nebula cannot reach ends {@code FAILED} with Nebula's reason.
 */
@Service
public class RegionAdministration {

    private static final Logger log = LoggerFactory.getLogger(RegionAdministration.class);

    private final Catalog catalog;
    private final RegionOffers offers;
    private final Capacity capacity;
    private final Clusters clusters;

    RegionAdministration(Catalog catalog, RegionOffers offers, Capacity capacity, Clusters clusters) {
        this.catalog = catalog;
        this.offers = offers;
        this.capacity = capacity;
        this.clusters = clusters;
    }

    /**
     * Offers the region with this description, creating it (or bringing a retired one back) when needed. With
     * {@code total}, the region is sized as by {@code PUT …/capacity}; without, a new region holds nothing until sized
     * and an existing one keeps its capacity.
     */
    @Transactional
    public RegionChange put(ProviderRegion region, @Nullable String displayName, @Nullable Resources total) {
        capacity.lockNewRegion(region);
        boolean created = offers.offer(region.provider(), region.region(), displayName);
        RegionUsage usage = total == null ? capacity.usage(region) : capacity.resize(region, total);
        OfferedRegion offered = catalog.region(region.provider(), region.region())
                .orElseThrow(() -> new IllegalStateException("region " + region + " offered but not found"));
        if (created) {
            log.info("Region {} is offered now", region);
        }
        return new RegionChange(offered, usage, created);
    }

    /**
     * Retires an offered region: claims can no longer name it and it leaves the catalog.
     *
     * @throws RegionNotFoundException when the region is not offered
     * @throws RegionInUseException while a cluster that is not {@code DELETED} or a waiting claim is in it; nothing
     *     changes
     */
    @Transactional
    public void retire(ProviderRegion region) {
        offered(region);
        capacity.lockRegion(region);
        // Again under the lock: another retirement may have been decided while this one waited for it.
        offered(region);
        long inRegion = clusters.countNotDeletedIn(region.provider(), region.region());
        long waiting = capacity.claimsWaitingIn(region);
        if (inRegion > 0 || waiting > 0) {
            throw new RegionInUseException(region, inRegion, waiting);
        }
        offers.retire(region.provider(), region.region());
        log.info("Region {} is retired", region);
    }

    private void offered(ProviderRegion region) {
        if (!catalog.offersRegion(region.provider(), region.region())) {
            throw new RegionNotFoundException(region);
        }
    }
}
