package io.dbaas.orion.events;

import io.dbaas.contracts.event.BackupEvent;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.orion.backup.BackupLedger;
import io.dbaas.orion.capacity.Capacity;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.Clusters;
import io.dbaas.orion.operation.Operation;
import io.dbaas.orion.operation.OperationProgress;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies Nebula's events to the clusters and their operations, each event at most once, and keeps each one applied
 * for the cluster's event history ({@code GET /v1/clusters/{id}/events}). Capacity follows: a failed or deleted
 * cluster frees its share, a change that settles (done or refused) holds exactly what the cluster now runs.
 */
@Service
public class ClusterStatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(ClusterStatusUpdates.class);

    private final Clusters clusters;
    private final ProcessedMessages processed;
    private final Capacity capacity;
    private final OperationProgress operations;
    private final RecordedClusterEvents history;
    private final Clock clock;
    private final BackupLedger backups;

    ClusterStatusUpdates(
            Clusters clusters,
            ProcessedMessages processed,
            Capacity capacity,
            OperationProgress operations,
            RecordedClusterEvents history,
            Clock clock,
            BackupLedger backups) {
        this.clusters = clusters;
        this.processed = processed;
        this.capacity = capacity;
        this.operations = operations;
        this.history = history;
        this.clock = clock;
        this.backups = backups;
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
        if (event instanceof BackupEvent backup) {
            applyBackupEvent(backup, cluster);
            return;
        }
        Instant at = event.createdAt();
        String versionBefore = cluster.running().version();
        switch (event) {
            case ClusterProvisioningStarted started -> cluster.markProvisioning(at);
            case ClusterProvisioned provisioned -> {
                // Usually a no-op; after an early failure report had freed its share, a running cluster takes it back.
                if (cluster.markRunning(provisioned.nodesReady(), provisioned.sealedMasterKey(), at)) {
                    capacity.holdAgain(cluster.id(), cluster.placement(), cluster.demand());
                }
            }
            case ClusterFailed failed -> {
                // A failed cluster runs nothing: its share goes to the claims waiting in its region.
                if (cluster.markFailed(failed.reason(), at)) {
                    capacity.release(cluster.id());
                }
            }
            case ClusterUpdated updated -> {
                if (cluster.markUpdated(updated.clusterVersion(), updated.numNodes(), updated.nodesReady(), at)) {
                    capacity.settle(cluster.id(), cluster.running().demand());
                }
            }
            case ClusterChangeFailed changeFailed -> {
                // The reservation made for the change is given back; the cluster holds what it still runs.
                if (cluster.revertChange(changeFailed.reason(), at)) {
                    capacity.settle(cluster.id(), cluster.running().demand());
                }
            }
            case ClusterCommandDeferred waiting -> cluster.markWaiting(waiting.reason(), at);
            case ClusterDegraded degraded -> cluster.markDegraded(degraded.nodesReady(), degraded.reason(), at);
            case ClusterRecovered recovered -> cluster.markRecovered(recovered.nodesReady(), at);
            case ClusterDeletionStarted deletionStarted -> cluster.markDeletionStarted(at);
            case ClusterDeleted deleted -> {
                cluster.markDeleted(at);
                capacity.release(cluster.id());
            }
            case BackupEvent backup -> throw new IllegalStateException("backup events are applied apart");
        }
        Optional<UUID> operation = operations.record(event).map(Operation::id);
        // Kept for the cluster's event history in this transaction: recorded exactly when applied, and only once.
        history.append(RecordedClusterEvent.of(event, versionBefore, operation.orElse(null)), clock.instant());
        log.info("Cluster {} is {} after {}", cluster.id(), cluster.state(), event.name());
    }

    /** A backup event moves its backup (never the cluster), its operation, and the cluster's event history. */
    private void applyBackupEvent(BackupEvent event, Cluster cluster) {
        if (!backups.apply(event, cluster.engine())) {
            return;
        }
        Optional<UUID> operation = operations.record(event).map(Operation::id);
        RecordedClusterEvent.ofBackup(event, operation.orElse(null))
                .ifPresent(recorded -> history.append(recorded, clock.instant()));
    }
}
