package io.dbaas.orion.catalog;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What may be claimed: engines with their versions, providers with their regions. An engine or provider absent
 * here is not offered, even when the code knows it.
 */
@ConfigurationProperties("orion.catalog")
public record CatalogProperties(Map<String, EngineOffer> engines, Map<String, ProviderOffer> providers) {

    public CatalogProperties {
        engines = Map.copyOf(engines);
        providers = Map.copyOf(providers);
    }

    /** Versions offered for one engine; {@code defaultVersion} is used when a claim names none. */
    public record EngineOffer(List<String> versions, String defaultVersion) {

        public EngineOffer {
            versions = List.copyOf(versions);
            if (!versions.contains(defaultVersion)) {
                throw new IllegalArgumentException(
                        "default version " + defaultVersion + " is not among the offered versions " + versions);
            }
        }
    }

    /** Regions offered by one cloud provider. */
    public record ProviderOffer(List<String> regions) {

        public ProviderOffer {
            regions = List.copyOf(regions);
        }
    }
}
