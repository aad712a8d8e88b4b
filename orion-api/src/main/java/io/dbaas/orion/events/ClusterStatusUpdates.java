package io.dbaas.orion.events;

import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.orion.capacity.Capacity;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.Clusters;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies Nebula's events to the clusters, each event at most once. */
@Service
public class ClusterStatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(ClusterStatusUpdates.class);

    private final Clusters clusters;
    private final ProcessedMessages processed;
    private final Capacity capacity;

    ClusterStatusUpdates(Clusters clusters, ProcessedMessages processed, Capacity capacity) {
        this.clusters = clusters;
        this.processed = processed;
        this.capacity = capacity;
    }

    @Transactional
    public void apply(ClusterEvent event) {
        if (!processed.firstTime(event.id())) {
            log.debug("Event {} ({}) was already applied", event.id(), event.name());
            return;
        }
        Optional<Cluster> found = clusters.findById(event.clusterId());
        if (found.isEmpty()) {
            log.warn("Event {} ({}) names unknown cluster {}", event.id(), event.name(), event.clusterId());
            return;
        }
        Cluster cluster = found.get();
        switch (event) {
            case ClusterProvisioningStarted started -> cluster.markProvisioning(started.createdAt());
            case ClusterProvisioned provisioned -> {
                cluster.markRunning(provisioned.nodesReady(), provisioned.sealedMasterKey(), provisioned.createdAt());
                // Usually a no-op; after an early failure report had freed its share, a running cluster takes it back.
                capacity.holdAgain(cluster.id(), cluster.placement(), cluster.demand());
            }
            case ClusterFailed failed -> {
                cluster.markFailed(failed.reason(), failed.createdAt());
                // A failed cluster runs nothing: its share goes to the claims waiting in its region.
                capacity.release(cluster.id());
            }
            case ClusterUpdated updated -> ignoredForNow(updated);
            case ClusterChangeFailed changeFailed -> ignoredForNow(changeFailed);
            case ClusterDegraded degraded -> ignoredForNow(degraded);
            case ClusterRecovered recovered -> ignoredForNow(recovered);
            case ClusterDeletionStarted deletionStarted -> ignoredForNow(deletionStarted);
            case ClusterDeleted deleted -> ignoredForNow(deleted);
        }
        log.info("Cluster {} is {} after {}", cluster.id(), cluster.state(), event.name());
    }

    private static void ignoredForNow(ClusterEvent event) {
        log.warn("Event {} ({}) is not applied yet: Orion has no lifecycle states", event.id(), event.name());
    }
}
