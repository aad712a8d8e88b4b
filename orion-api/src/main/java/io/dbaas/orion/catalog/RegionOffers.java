package io.dbaas.orion.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes which regions the catalog offers. How configuration and operators combine:
 *
 * <ul>
 *   <li>At every start each region of {@code orion.catalog.providers} is added when the catalog has never had it.
 *       Configuration only adds: a region that leaves configuration stays offered until an operator retires it.
 *   <li>Operators create, describe and retire regions through the API; what they do is kept across restarts. A region
 *       an operator retired stays retired even when configuration still lists it (a warning at start says so); an
 *       operator's {@code PUT} offers it again.
 * </ul>
 *
 * <p>Changes to one region are made while holding its lock (the capacity row's, see {@code Capacity}), which every
 * claim in the region takes as well; the callers take it.
 */
@Service
public class RegionOffers {

    private static final Logger log = LoggerFactory.getLogger(RegionOffers.class);

    private final CatalogProperties properties;
    private final Regions regions;
    private final Clock clock;

    RegionOffers(CatalogProperties properties, Regions regions, Clock clock) {
        this.properties = properties;
        this.regions = regions;
        this.clock = clock;
    }

    /** Adds the configured regions the catalog never had, and names the configured ones an operator retired. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void applyConfiguration() {
        Instant now = now();
        var retired = new ArrayList<String>();
        properties.providers().forEach((provider, offer) -> offer.regions().forEach(region -> {
            regions.insertIfAbsent(provider, region, RegionSource.CONFIGURATION.name(), now);
            if (!regions.offers(provider, region)) {
                retired.add(provider + "/" + region);
            }
        }));
        if (!retired.isEmpty()) {
            log.warn(
                    "orion.catalog.providers lists {}, which an operator retired; they stay retired until an operator"
                            + " offers them again (PUT /v1/providers/{provider}/regions/{region})",
                    retired);
        }
    }

    /**
     * Offers the region with this description, adding it or bringing it back when retired. Only under the region's
     * lock.
     *
     * @return whether the region was not offered before
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean offer(String provider, String region, @Nullable String displayName) {
        Instant now = now();
        boolean added = regions.insertIfAbsent(provider, region, RegionSource.OPERATOR.name(), now) == 1;
        Region offered = find(provider, region);
        boolean wasOffered = !added && offered.isOffered();
        offered.offer(displayName, now);
        return !wasOffered;
    }

    /** Retires an offered region; only under its lock, once nothing lives in it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void retire(String provider, String region) {
        find(provider, region).retire(now());
    }

    /** To the microsecond, as PostgreSQL keeps it, so that an answer shows what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Region find(String provider, String region) {
        return regions.findById(new RegionKey(provider, region))
                .orElseThrow(() -> new IllegalStateException("no catalog row for region " + provider + "/" + region));
    }
}
