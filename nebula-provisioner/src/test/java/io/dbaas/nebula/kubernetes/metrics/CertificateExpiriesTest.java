package io.dbaas.nebula.kubernetes.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.ProviderProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CertificateExpiriesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    private static final RegionId LOCAL = new RegionId("minikube", "local");
    private static final RegionId AWAY = new RegionId("far", "away");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CertificateExpiries expiries =
            new CertificateExpiries(catalog(), registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eachRegionReportsTheSoonestExpiryOfItsOwnClusters() {
        expiries.record(LOCAL, UUID.randomUUID(), Optional.of(NOW.plus(Duration.ofDays(300))));
        expiries.record(LOCAL, UUID.randomUUID(), Optional.of(NOW.plus(Duration.ofDays(20))));
        expiries.record(AWAY, UUID.randomUUID(), Optional.of(NOW.plus(Duration.ofDays(5))));

        assertThat(seconds(LOCAL)).isEqualTo(Duration.ofDays(20).toSeconds());
        assertThat(seconds(AWAY)).isEqualTo(Duration.ofDays(5).toSeconds());
    }

    @Test
    void aRenewedCertificateMovesTheExpiryOnAndADeletedClusterDropsOut() {
        UUID renewed = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        expiries.record(LOCAL, renewed, Optional.of(NOW.plus(Duration.ofDays(2))));
        expiries.record(LOCAL, deleted, Optional.of(NOW.plus(Duration.ofDays(10))));

        expiries.record(LOCAL, renewed, Optional.of(NOW.plus(Duration.ofDays(1095))));
        assertThat(seconds(LOCAL)).isEqualTo(Duration.ofDays(10).toSeconds());

        expiries.forget(deleted);
        assertThat(seconds(LOCAL)).isEqualTo(Duration.ofDays(1095).toSeconds());
    }

    @Test
    void aRegionWithoutCertificatesReportsNoDataRatherThanANumber() {
        expiries.record(LOCAL, UUID.randomUUID(), Optional.empty());

        assertThat(seconds(LOCAL)).isNaN();
        assertThat(seconds(AWAY)).isNaN();
    }

    @Test
    void anExpiredCertificateCountsBelowZero() {
        expiries.record(AWAY, UUID.randomUUID(), Optional.of(NOW.minus(Duration.ofHours(1))));

        assertThat(seconds(AWAY)).isEqualTo(-3600);
    }

    private double seconds(RegionId region) {
        return registry.get(CertificateExpiries.NAME)
                .tag("provider", region.provider())
                .tag("region", region.region())
                .gauge()
                .value();
    }

    private static RegionCatalog catalog() {
        NebulaProperties local =
                TestRegions.nebula("minikube", "local", TestRegions.region().build());
        return new RegionCatalog(new NebulaProperties(
                Map.of(
                        "minikube",
                        local.providers().get("minikube"),
                        "far",
                        new ProviderProperties(
                                Map.of("away", TestRegions.region().build()))),
                local.topics(),
                local.kubernetesRetry(),
                local.gatekeeper(),
                local.deletion(),
                local.status(),
                null));
    }
}
