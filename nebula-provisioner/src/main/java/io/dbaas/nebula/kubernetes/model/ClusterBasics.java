package io.dbaas.nebula.kubernetes.model;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.MonitoringPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What every engine's cluster takes from its specs, its region and GateKeeper's peers, read once; the engine models
 * add only what is their own. {@link ClusterObjects} builds the objects that follow from these values alone.
 *
 * @param engine the engine id, the value of the {@link Labels#NAME} label
 * @param clusterId the cluster's id; every object name derives from it
 * @param namespace the cluster's own namespace
 * @param replicas the number of nodes
 * @param cpu CPU per node
 * @param memory memory per node
 * @param disk data volume size per node
 * @param storageClass the storage class of data volumes; empty for the Kubernetes cluster's default
 * @param exposure how the client Service is exposed
 * @param clusterDomain the Kubernetes cluster DNS domain
 * @param serviceAnnotations the annotations of the client Service, sorted
 * @param statefulSetAnnotations the status annotations of the node StatefulSet, in a stable order
 * @param namespaceAnnotations the desired specs, kept on the namespace, in a stable order
 * @param zones the zones of the region; empty when not configured
 * @param gatekeeper where GateKeeper's traffic comes from
 * @param preStopPause how long a stopping node keeps serving while the region stops sending to it
 * @param priorityClassName the PriorityClass of the database pods; null for none
 * @param monitoring where the platform's Prometheus scrapes from; null when the cluster is not scraped
 * @param prometheusOperator whether the region runs the Prometheus operator, so that scrape objects may be rendered
 * @param backupStorage where the cluster's backups live; null when its region names no store (or its account is not
 *     known), and then nothing of the cluster's objects mentions backups
 */
record ClusterBasics(
        String engine,
        UUID clusterId,
        String namespace,
        int replicas,
        Quantity cpu,
        Quantity memory,
        Quantity disk,
        String storageClass,
        Exposure exposure,
        String clusterDomain,
        Map<String, String> serviceAnnotations,
        Map<String, String> statefulSetAnnotations,
        Map<String, String> namespaceAnnotations,
        List<String> zones,
        GatekeeperPeers gatekeeper,
        Duration preStopPause,
        @Nullable String priorityClassName,
        @Nullable MonitoringPeers monitoring,
        boolean prometheusOperator,
        @Nullable ClusterBackupStorage backupStorage) {

    static ClusterBasics of(
            String engine,
            DBClusterSpecs specs,
            RegionProperties region,
            GatekeeperPeers gatekeeper,
            @Nullable MonitoringPeers monitoring) {
        return new ClusterBasics(
                engine,
                specs.clusterId(),
                ResourceNames.namespace(specs.clusterId()),
                specs.nodes(),
                new Quantity(specs.cpu()),
                new Quantity(specs.memory()),
                new Quantity(specs.disk()),
                region.storageClass(),
                region.exposure(),
                region.clusterDomain(),
                // Sorted: configuration maps have no stable order, and the rendered object's hash must not change.
                Collections.unmodifiableMap(new TreeMap<>(region.serviceAnnotations())),
                Collections.unmodifiableMap(Annotations.status(specs)),
                Collections.unmodifiableMap(Annotations.desiredSpecs(specs)),
                region.zones(),
                gatekeeper,
                region.preStopPause(),
                region.priorityClassName().isEmpty() ? null : region.priorityClassName(),
                monitoring,
                region.prometheusOperator(),
                ClusterBackupStorage.of(specs, region).orElse(null));
    }

    /** Whether the platform's Prometheus scrapes this cluster: a monitoring namespace is configured for its region. */
    boolean scraped() {
        return monitoring != null;
    }

    /** Whether scrape objects (PodMonitors) are rendered: the cluster is scraped and its region has the operator. */
    boolean rendersMonitors() {
        return monitoring != null && prometheusOperator;
    }

    /**
     * The copy of the region's backup-storage credentials in the cluster's namespace; empty when the cluster has no
     * backup storage. Only the entries its store's type uses are copied.
     */
    List<CopiedSecret> copiedSecrets() {
        if (backupStorage == null || !backupStorage.storage().type().usesCredentials()) {
            return List.of();
        }
        BackupStorage storage = backupStorage.storage();
        ObjectMeta metadata = metadata(ResourceNames.BACKUP_CREDENTIALS_SECRET);
        String source = storage.credentialsNamespace() + "/" + storage.credentialsSecret();
        metadata.setAnnotations(new LinkedHashMap<>(Map.of(CopiedSecret.COPIED_FROM, source)));
        return List.of(new CopiedSecret(
                new SecretBuilder().withMetadata(metadata).withType("Opaque").build(),
                storage.credentialsNamespace(),
                storage.credentialsSecret(),
                storage.type().requiredEntries(),
                storage.type().oneOfEntries()));
    }

    /** All labels of the cluster's objects, a new map each time. */
    Map<String, String> labels() {
        return Labels.of(engine, clusterId);
    }

    /** The labels that select the cluster's pods, a new map each time. */
    Map<String, String> selector() {
        return Labels.selector(engine, clusterId);
    }

    /** The metadata of one of the cluster's objects in its namespace. */
    ObjectMeta metadata(String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels())
                .build();
    }
}
