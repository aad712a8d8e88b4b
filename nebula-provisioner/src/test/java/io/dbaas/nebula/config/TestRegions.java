package io.dbaas.nebula.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Region and Nebula settings for tests: the defaults of the configuration, with what a test cares about changed. */
public final class TestRegions {

    /** Retry settings for tests: the defaults, which a test changes where it waits for a retry. */
    public static final RetryProperties RETRY = new RetryProperties(
            Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2, Duration.ofHours(24), Duration.ofSeconds(1));

    private TestRegions() {}

    public static Builder region() {
        return new Builder();
    }

    /** Nebula's settings with one provider/region and the default GateKeeper peers. */
    public static NebulaProperties nebula(String provider, String region, RegionProperties properties) {
        return new NebulaProperties(
                Map.of(provider, new ProviderProperties(Map.of(region, properties))),
                new TopicProperties(6, (short) 1),
                TestRegions.RETRY,
                null,
                DeletionProperties.DEFAULT,
                StatusProperties.DEFAULT,
                null);
    }

    /** Nebula's settings with one provider/region, scraped from {@code monitoring} unless the region says otherwise. */
    public static NebulaProperties nebula(
            String provider, String region, RegionProperties properties, MonitoringPeers monitoring) {
        return new NebulaProperties(
                Map.of(provider, new ProviderProperties(Map.of(region, properties))),
                new TopicProperties(6, (short) 1),
                TestRegions.RETRY,
                null,
                DeletionProperties.DEFAULT,
                StatusProperties.DEFAULT,
                monitoring);
    }

    /** Nebula's settings with no region at all, for what needs only the global ones. */
    public static NebulaProperties nebula() {
        return new NebulaProperties(
                Map.of(),
                new TopicProperties(6, (short) 1),
                TestRegions.RETRY,
                null,
                DeletionProperties.DEFAULT,
                StatusProperties.DEFAULT,
                null);
    }

    public static final class Builder {

        private KubernetesAccess kubernetes = new KubernetesAccess("", "", "", false, false);
        private String storageClass = "";
        private Exposure exposure = Exposure.CLUSTER_IP;
        private String clusterDomain = "cluster.local";
        private Map<String, String> serviceAnnotations = Map.of();
        private List<String> zones = List.of();
        private Duration preStopPause = Duration.ofSeconds(30);
        private String priorityClassName = "";
        private @Nullable GatekeeperPeers gatekeeper;
        private @Nullable MonitoringPeers monitoring;
        private boolean prometheusOperator;
        private @Nullable BackupStorage backupStorage;

        public Builder apiUrl(String apiUrl) {
            this.kubernetes = new KubernetesAccess("", apiUrl, "", false, false);
            return this;
        }

        public Builder storageClass(String storageClass) {
            this.storageClass = storageClass;
            return this;
        }

        public Builder exposure(Exposure exposure) {
            this.exposure = exposure;
            return this;
        }

        public Builder serviceAnnotations(Map<String, String> serviceAnnotations) {
            this.serviceAnnotations = serviceAnnotations;
            return this;
        }

        /** How long a stopping node keeps serving; the stand-ins of the real-node tests update endpoints at once. */
        public Builder priorityClassName(String priorityClassName) {
            this.priorityClassName = priorityClassName;
            return this;
        }

        public Builder preStopPause(Duration preStopPause) {
            this.preStopPause = preStopPause;
            return this;
        }

        public Builder zones(String... zones) {
            this.zones = List.of(zones);
            return this;
        }

        public Builder gatekeeper(GatekeeperPeers gatekeeper) {
            this.gatekeeper = gatekeeper;
            return this;
        }

        public Builder monitoring(MonitoringPeers monitoring) {
            this.monitoring = monitoring;
            return this;
        }

        public Builder prometheusOperator(boolean prometheusOperator) {
            this.prometheusOperator = prometheusOperator;
            return this;
        }

        public Builder backupStorage(BackupStorage backupStorage) {
            this.backupStorage = backupStorage;
            return this;
        }

        public RegionProperties build() {
            return new RegionProperties(
                    kubernetes,
                    storageClass,
                    exposure,
                    clusterDomain,
                    serviceAnnotations,
                    zones,
                    gatekeeper,
                    preStopPause,
                    priorityClassName,
                    monitoring,
                    prometheusOperator,
                    backupStorage);
        }
    }
}
