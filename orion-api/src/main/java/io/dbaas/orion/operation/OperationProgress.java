package io.dbaas.orion.operation;

import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupDeleted;
import io.dbaas.contracts.event.BackupDeletionFailed;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.contracts.event.ClusterBackupsPurged;
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
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the operation an event names (its {@code metadata.causation_id}, the id of the command that caused it), in the
 * transaction that applies the event to the cluster. Health events (degraded, recovered) come from watches and may name
 * the last command; they move no operation.
 */
@Component
public class OperationProgress {

    private static final Logger log = LoggerFactory.getLogger(OperationProgress.class);

    private final Operations operations;

    OperationProgress(Operations operations) {
        this.operations = operations;
    }

    /**
     * Moves the operation the event reports on, if any, and returns it (also when the event finds it done already). A
     * health event belongs to no operation: empty.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Operation> record(ClusterEvent event) {
        Optional<Operation> found = causedBy(event);
        if (found.isEmpty()) {
            return found;
        }
        Operation operation = found.get();
        switch (event) {
            case ClusterProvisioningStarted started -> operation.start(started.createdAt());
            case ClusterDeletionStarted started -> operation.start(started.createdAt());
            case ClusterProvisioned done -> operation.succeed(done.createdAt());
            case ClusterUpdated done -> operation.succeed(done.createdAt());
            case ClusterDeleted done -> operation.succeed(done.createdAt());
            case ClusterFailed failed -> operation.fail(failed.reason(), failed.createdAt());
            case ClusterChangeFailed failed -> operation.fail(failed.reason(), failed.createdAt());
            case ClusterCommandDeferred waiting ->
                operation.waitFor(waiting.reason(), waiting.nextAttemptAt(), waiting.createdAt());
            case ClusterDegraded health -> {
                return Optional.empty();
            }
            case ClusterRecovered health -> {
                return Optional.empty();
            }
            // A backup asked for through the API is an operation; its deletion and a purge are not.
            case BackupCompleted done -> operation.succeed(done.createdAt());
            case BackupFailed failed -> operation.fail(failed.reason(), failed.createdAt());
            case BackupDeleted deleted -> {
                return Optional.empty();
            }
            case BackupDeletionFailed failed -> {
                return Optional.empty();
            }
            case ClusterBackupsPurged purged -> {
                return Optional.empty();
            }
        }
        return found;
    }

    private Optional<Operation> causedBy(ClusterEvent event) {
        UUID cause = event.metadata().causationId();
        if (cause == null) {
            return Optional.empty();
        }
        Optional<Operation> operation =
                operations.findById(cause).filter(found -> found.clusterId().equals(event.clusterId()));
        if (operation.isEmpty()) {
            log.debug("Event {} ({}) names no operation of cluster {}", event.id(), event.name(), event.clusterId());
        }
        return operation;
    }
}
