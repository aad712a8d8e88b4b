package io.dbaas.orion.capacity;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The capacity of each region at start, by provider then region:
 * {@code orion.capacity.providers.<provider>.<region>.{cpu,memory,disk}} as Kubernetes quantities. An offered region
 * left out has no capacity until an operator sets it, so claims there wait rather than over-commit a region nobody
 * sized.
 */
@ConfigurationProperties("orion.capacity")
public record CapacityProperties(Map<String, Map<String, RegionSize>> providers) {

    public CapacityProperties(@Nullable Map<String, Map<String, RegionSize>> providers) {
        this.providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    public Optional<Resources> of(ProviderRegion region) {
        return Optional.ofNullable(
                        providers.getOrDefault(region.provider(), Map.of()).get(region.region()))
                .map(RegionSize::resources);
    }

    /** Totals of a region; each a Kubernetes quantity ({@code "64"}, {@code "256Gi"}, {@code "4Ti"}). */
    public record RegionSize(String cpu, String memory, String disk) {

        public RegionSize {
            Quantity.of(cpu);
            Quantity.of(memory);
            Quantity.of(disk);
        }

        Resources resources() {
            return Resources.of(Quantity.of(cpu), Quantity.of(memory), Quantity.of(disk));
        }
    }
}
