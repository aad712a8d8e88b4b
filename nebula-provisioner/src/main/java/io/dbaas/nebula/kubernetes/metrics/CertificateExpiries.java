package io.dbaas.nebula.kubernetes.metrics;

import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The soonest expiry of the TLS certificates of the clusters of each region, as the gauge {@code
 * nebula.certificates.earliest.expiry} in seconds from now. Every reconcile records what it left in place, so the value
 * falls steadily and jumps back when Nebula renews a certificate; one that keeps falling toward zero says renewal is
 * failing. A region without any cluster certificate reports NaN (no data), never a made-up number.
 */
@Component
public class CertificateExpiries {

    static final String NAME = "nebula.certificates.earliest.expiry";

    private final Clock clock;
    private final Map<UUID, Expiry> byCluster = new ConcurrentHashMap<>();

    private record Expiry(RegionId region, Instant at) {}

    @Autowired
    public CertificateExpiries(RegionCatalog catalog, MeterRegistry registry) {
        this(catalog, registry, Clock.systemUTC());
    }

    CertificateExpiries(RegionCatalog catalog, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        for (Region region : catalog.all()) {
            RegionId id = region.id();
            Gauge.builder(NAME, this, expiries -> expiries.secondsUntilEarliest(id))
                    .description("Seconds until the soonest expiry of a cluster TLS certificate Nebula manages")
                    .baseUnit("seconds")
                    .tag("provider", id.provider())
                    .tag("region", id.region())
                    .register(registry);
        }
    }

    /** What a reconcile of the cluster left in place: the soonest expiry of its certificates, or none. */
    public void record(RegionId region, UUID clusterId, Optional<Instant> earliestExpiry) {
        earliestExpiry.ifPresentOrElse(
                at -> byCluster.put(clusterId, new Expiry(region, at)), () -> byCluster.remove(clusterId));
    }

    /** The cluster is deleted: its certificates are gone with it. */
    public void forget(UUID clusterId) {
        byCluster.remove(clusterId);
    }

    double secondsUntilEarliest(RegionId region) {
        return byCluster.values().stream()
                .filter(expiry -> expiry.region().equals(region))
                .map(Expiry::at)
                .min(Instant::compareTo)
                .map(at -> Duration.between(clock.instant(), at).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }
}
