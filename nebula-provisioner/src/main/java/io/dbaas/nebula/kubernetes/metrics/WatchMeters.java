package io.dbaas.nebula.kubernetes.metrics;

import io.dbaas.nebula.region.RegionId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Predicate;

/**
 * The meters of a region's watches, tagged with the configured provider and region: {@code nebula.region.reachable}
 * (1 while any of the region's watches is connected to its Kubernetes API, 0 otherwise, including before its client
 * could be built) and {@code nebula.watches.restarted} (watches started again after a failure).
 */
public final class WatchMeters {

    public static final String REACHABLE = "nebula.region.reachable";
    public static final String RESTARTED = "nebula.watches.restarted";

    private final MeterRegistry registry;
    private final Predicate<RegionId> watching;

    public WatchMeters(MeterRegistry registry, Predicate<RegionId> watching) {
        this.registry = registry;
        this.watching = watching;
    }

    /** Registers both meters of a configured region, so that they exist before its first watch. */
    public void register(RegionId region) {
        Gauge.builder(REACHABLE, () -> watching.test(region) ? 1 : 0)
                .description("1 while Nebula's watches are connected to the region's Kubernetes API, 0 otherwise")
                .tag("provider", region.provider())
                .tag("region", region.region())
                .strongReference(true)
                .register(registry);
        restarts(region);
    }

    public Counter restarts(RegionId region) {
        return Counter.builder(RESTARTED)
                .description("Watches on the region's Kubernetes API started again after a failure")
                .tag("provider", region.provider())
                .tag("region", region.region())
                .register(registry);
    }
}
