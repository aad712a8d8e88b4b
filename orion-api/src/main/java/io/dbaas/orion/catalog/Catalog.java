package io.dbaas.orion.catalog;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.catalog.CatalogProperties.EngineOffer;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Answers whether an engine, version, provider or region is offered. Engines come from configuration; regions from the
 * database, where configuration and operators put them (see {@link RegionOffers}). A provider is offered while it has
 * an offered region.
 */
@Component
public class Catalog {

    private final CatalogProperties properties;
    private final Regions regions;

    Catalog(CatalogProperties properties, Regions regions) {
        this.properties = properties;
        this.regions = regions;
    }

    public Optional<EngineOffer> engine(Engine engine) {
        return Optional.ofNullable(properties.engines().get(engine.id()));
    }

    /** Every offered engine by id, in id order so that answers are stable. */
    public SortedMap<String, EngineOffer> engines() {
        return new TreeMap<>(properties.engines());
    }

    /** Every offered region, by provider then region. */
    public List<OfferedRegion> regions() {
        return regions.findOffered().stream().map(Region::offered).toList();
    }

    /** The offered regions of every provider that has one, in provider then region order. */
    public SortedMap<String, List<OfferedRegion>> providers() {
        return regions().stream()
                .collect(Collectors.groupingBy(OfferedRegion::provider, TreeMap::new, Collectors.toList()));
    }

    public boolean offersProvider(String provider) {
        return regions.offersProvider(provider);
    }

    /**
     * Whether a claim may name the region now. A claim reads this again under the region's lock, which retirement
     * takes too, so that no claim lands in a region retired meanwhile.
     */
    public boolean offersRegion(String provider, String region) {
        return regions.offers(provider, region);
    }

    public Optional<OfferedRegion> region(String provider, String region) {
        return regions.findById(new RegionKey(provider, region))
                .filter(Region::isOffered)
                .map(Region::offered);
    }
}
