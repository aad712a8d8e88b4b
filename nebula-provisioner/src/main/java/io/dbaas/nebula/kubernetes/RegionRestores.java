package io.dbaas.nebula.kubernetes;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.reconcile.MasterKeyMissingException;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.status.ReconcileOutcomes;
import io.dbaas.nebula.kubernetes.status.RegionReconciles;
import io.dbaas.nebula.region.Region;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the clusters of one region on request, one at a time on their own thread: a deleted object, an edited
 * StatefulSet spec and every resync lead to a reconcile on the specs kept on the cluster's namespace, which recreates
 * what is missing and undoes what was changed. A deleted master-key Secret comes back at once with the same key, from
 * the vault; one whose key the vault never held is reported as a degradation, never regenerated.
 */
final class RegionRestores implements RegionReconciles {

    private static final Logger log = LoggerFactory.getLogger(RegionRestores.class);

    private final RegionConnection connection;
    private final Region region;
    private final KubernetesInfrastructureClient infrastructure;
    private final ReconcileOutcomes outcomes;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService restores;
    private volatile boolean closing;

    RegionRestores(
            RegionConnection connection, KubernetesInfrastructureClient infrastructure, ReconcileOutcomes outcomes) {
        this.connection = connection;
        this.region = connection.region();
        this.infrastructure = infrastructure;
        this.outcomes = outcomes;
        this.restores = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("restore-" + region.id()).daemon().factory());
    }

    @Override
    public void request(String namespace) {
        if (closing || !pending.add(namespace)) {
            return;
        }
        restores.execute(() -> {
            pending.remove(namespace);
            restore(namespace);
        });
    }

    @Override
    public void close() {
        closing = true;
        restores.shutdownNow();
    }

    private void restore(String namespaceName) {
        Namespace namespace;
        try {
            namespace = connection.client().namespaces().withName(namespaceName).get();
        } catch (KubernetesClientException e) {
            log.debug("Reading namespace {} in {} failed", namespaceName, region.id(), e);
            return;
        }
        Optional<DBClusterSpecs> specs = namespace == null ? Optional.empty() : specsOf(namespace);
        if (specs.isEmpty()) {
            return;
        }
        UUID clusterId = specs.get().clusterId();
        try {
            var report = infrastructure.restore(connection, specs.get());
            if (!report.changedNothing()) {
                log.info("Cluster {} in {}: restored {}", clusterId, region.id(), report.resources());
            }
            outcomes.reconciled(clusterId, specs.get().engine(), namespaceName);
        } catch (MasterKeyMissingException e) {
            outcomes.masterKeyMissing(clusterId, specs.get().engine(), namespaceName, e.reason());
        } catch (InfrastructureException e) {
            log.warn("Cluster {} in {} could not be restored: {}", clusterId, region.id(), e.reason());
        }
    }

    /** The specs kept on a cluster's namespace, unless it is being deleted or belongs to another region. */
    private Optional<DBClusterSpecs> specsOf(Namespace namespace) {
        Map<String, String> labels = namespace.getMetadata().getLabels();
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        if (labels == null
                || annotations == null
                || annotations.containsKey(Annotations.DELETING)
                || !Labels.NEBULA.equals(labels.get(Labels.MANAGED_BY))) {
            return Optional.empty();
        }
        Optional<Engine> engine = Engine.fromId(String.valueOf(labels.get(Labels.NAME)));
        UUID clusterId;
        try {
            clusterId = UUID.fromString(String.valueOf(labels.get(Labels.CLUSTER_ID)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return engine.flatMap(found -> Annotations.readSpecs(clusterId, found, annotations))
                .filter(specs -> specs.provider().equals(region.id().provider())
                        && specs.region().equals(region.id().region()));
    }
}
