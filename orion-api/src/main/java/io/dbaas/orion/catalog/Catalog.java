package io.dbaas.orion.catalog;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.catalog.CatalogProperties.EngineOffer;
import io.dbaas.orion.catalog.CatalogProperties.ProviderOffer;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Answers whether an engine, version, provider or region is offered. */
@Component
public class Catalog {

    private final CatalogProperties properties;

    public Catalog(CatalogProperties properties) {
        this.properties = properties;
    }

    public Optional<EngineOffer> engine(Engine engine) {
        return Optional.ofNullable(properties.engines().get(engine.id()));
    }

    public Optional<ProviderOffer> provider(String provider) {
        return Optional.ofNullable(properties.providers().get(provider));
    }

    /** Every offered engine by id, in id order so that answers are stable. */
    public SortedMap<String, EngineOffer> engines() {
        return new TreeMap<>(properties.engines());
    }

    /** Every offered provider by id, in id order. */
    public SortedMap<String, ProviderOffer> providers() {
        return new TreeMap<>(properties.providers());
    }

    public boolean offersRegion(String provider, String region) {
        return provider(provider).map(offer -> offer.regions().contains(region)).orElse(false);
    }
}
