package io.dbaas.nebula.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Nebula's settings under {@code nebula.*}.
 *
 * @param providers the provider catalog: provider name → its regions
 * @param topics how the topics Nebula owns are created
 * @param kubernetesRetry how a command that failed for a reason that may pass is tried again, and for how long
 * @param gatekeeper where GateKeeper's traffic comes from, for every region that does not say otherwise; {@link
 *     GatekeeperPeers#DEFAULT} when not configured
 * @param deletion how clusters are deleted, and what happens to their volumes
 * @param status how cluster status is watched
 * @param monitoring where the platform's Prometheus scrapes the database clusters from, for every region that does not
 *     say otherwise; null for nowhere (no cluster admits a scraper)
 */
@ConfigurationProperties("nebula")
public record NebulaProperties(
        @DefaultValue Map<String, ProviderProperties> providers,
        @DefaultValue TopicProperties topics,
        @DefaultValue RetryProperties kubernetesRetry,
        @Nullable GatekeeperPeers gatekeeper,
        @DefaultValue DeletionProperties deletion,
        @DefaultValue StatusProperties status,
        @Nullable MonitoringPeers monitoring) {

    public NebulaProperties {
        gatekeeper = gatekeeper == null ? GatekeeperPeers.DEFAULT : gatekeeper;
    }

    /** The GateKeeper peers of a region: its own setting if it has one, else the global one. */
    public GatekeeperPeers gatekeeperFor(RegionProperties region) {
        GatekeeperPeers own = region.gatekeeper();
        return own != null ? own : gatekeeper();
    }

    /** Where a region's clusters are scraped from: its own setting if it has one, else the global one, else nowhere. */
    public Optional<MonitoringPeers> monitoringFor(RegionProperties region) {
        MonitoringPeers own = region.monitoring();
        return Optional.ofNullable(own != null ? own : monitoring());
    }

    @Override
    public GatekeeperPeers gatekeeper() {
        return Objects.requireNonNull(gatekeeper);
    }
}
