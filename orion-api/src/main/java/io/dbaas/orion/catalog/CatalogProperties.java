package io.dbaas.orion.catalog;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What may be claimed: engines with their versions, and the providers' regions Orion offers from its first start. An
 * engine absent here is not offered, even when the code knows it. Regions are different: these are added to the
 * catalog at every start (when absent), and operators add and retire more through the API (see {@link RegionOffers}).
 */
@ConfigurationProperties("orion.catalog")
public record CatalogProperties(Map<String, EngineOffer> engines, Map<String, ProviderOffer> providers) {

    public CatalogProperties(Map<String, EngineOffer> engines, @Nullable Map<String, ProviderOffer> providers) {
        this.engines = Map.copyOf(engines);
        this.providers = providers == null ? Map.of() : Map.copyOf(providers);
        this.providers.forEach((provider, offer) -> {
            checkName("provider", provider);
            offer.regions().forEach(region -> checkName("region of provider " + provider, region));
        });
    }

    /** Whether configuration lists the region, whether or not an operator retired it since. */
    public boolean lists(String provider, String region) {
        ProviderOffer offer = providers.get(provider);
        return offer != null && offer.regions().contains(region);
    }

    private static void checkName(String what, String name) {
        if (!DnsLabel.isValid(name)) {
            throw new IllegalArgumentException(
                    "orion.catalog.providers: the %s '%s' %s".formatted(what, name, DnsLabel.RULE));
        }
    }

    /**
     * Versions offered for one engine; {@code defaultVersion} is used when a claim names none. {@code minMemory} is the
     * least memory per node the engine is offered with (a Kubernetes quantity, checked at start by the claim rules);
     * absent, the general {@code orion.limits.memory.min} is the only bound. {@code upgradeOnlyVersions} are no longer
     * offered to new claims, but clusters that run an older version still upgrade through them (an engine that takes
     * one minor version at a time, as Qdrant does, strands a cluster whose next minor is dropped).
     */
    public record EngineOffer(
            List<String> versions,
            String defaultVersion,
            @Nullable String minMemory,
            @DefaultValue List<String> upgradeOnlyVersions) {

        public EngineOffer {
            versions = List.copyOf(versions);
            upgradeOnlyVersions = List.copyOf(upgradeOnlyVersions);
            if (!versions.contains(defaultVersion)) {
                throw new IllegalArgumentException(
                        "default version " + defaultVersion + " is not among the offered versions " + versions);
            }
            List<String> both =
                    upgradeOnlyVersions.stream().filter(versions::contains).toList();
            if (!both.isEmpty()) {
                throw new IllegalArgumentException(
                        "versions " + both + " are both offered and offered for upgrades only; name each once");
            }
        }

        /** Every version a running cluster may be upgraded to, offered or upgrade-only, lowest first. */
        public List<String> upgradeTargets() {
            return Stream.concat(versions.stream(), upgradeOnlyVersions.stream())
                    .sorted(EngineVersions.ORDER)
                    .toList();
        }
    }

    /** Regions of one cloud provider that configuration adds to the catalog. */
    public record ProviderOffer(List<String> regions) {

        public ProviderOffer {
            regions = List.copyOf(regions);
        }
    }
}
