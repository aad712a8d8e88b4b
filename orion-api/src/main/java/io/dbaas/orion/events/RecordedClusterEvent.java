package io.dbaas.orion.events;

import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupDeleted;
import io.dbaas.contracts.event.BackupDeletionFailed;
import io.dbaas.contracts.event.BackupEvent;
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
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event of a cluster as Orion keeps it for clients: only what they are shown. A {@code ClusterProvisioned} leaves
 * its sealed master key, CA certificate and addresses behind; reasons are Nebula's sentences, written free of secrets,
 * cut to {@link #MAX_REASON_LENGTH} characters.
 *
 * @param id the event's message id
 * @param occurredAt when Nebula says it happened
 * @param engineVersion the version the cluster runs after a scale or upgrade
 * @param nodeCount the number of nodes after a scale or upgrade
 * @param nodesReady how many nodes were ready, where the event says
 * @param operationId the operation (the command Orion sent) the event reports on, when Orion knows it
 * @param nextAttemptAt when a waiting command is tried again
 */
public record RecordedClusterEvent(
        UUID id,
        UUID clusterId,
        ClusterEventType type,
        Instant occurredAt,
        @Nullable String reason,
        @Nullable String engineVersion,
        @Nullable Integer nodeCount,
        @Nullable Integer nodesReady,
        @Nullable UUID operationId,
        @Nullable Instant nextAttemptAt) {

    static final int MAX_REASON_LENGTH = 1024;

    public RecordedClusterEvent {
        reason = bounded(reason);
    }

    /**
     * What to keep of {@code event}. {@code versionBefore} is the version the cluster ran before the event: a change
     * that moved it is an upgrade, one that did not a scale (Orion never asks for both at once).
     */
    static RecordedClusterEvent of(ClusterEvent event, String versionBefore, @Nullable UUID operationId) {
        var kept = new Builder(event, operationId);
        return switch (event) {
            case ClusterProvisioningStarted started -> kept.type(ClusterEventType.PROVISIONING_STARTED);
            case ClusterProvisioned provisioned ->
                kept.nodesReady(provisioned.nodesReady()).type(ClusterEventType.PROVISIONED);
            case ClusterDegraded degraded ->
                kept.reason(degraded.reason()).nodesReady(degraded.nodesReady()).type(ClusterEventType.DEGRADED);
            case ClusterRecovered recovered ->
                kept.nodesReady(recovered.nodesReady()).type(ClusterEventType.RECOVERED);
            case ClusterUpdated updated ->
                kept.shape(updated.clusterVersion(), updated.numNodes(), updated.nodesReady())
                        .type(
                                updated.clusterVersion().equals(versionBefore)
                                        ? ClusterEventType.SCALED
                                        : ClusterEventType.UPGRADED);
            case ClusterChangeFailed failed -> kept.reason(failed.reason()).type(ClusterEventType.CHANGE_FAILED);
            case ClusterFailed failed -> kept.reason(failed.reason()).type(ClusterEventType.FAILED);
            case ClusterDeletionStarted started -> kept.type(ClusterEventType.DELETION_STARTED);
            case ClusterDeleted deleted -> kept.type(ClusterEventType.DELETED);
            case ClusterCommandDeferred waiting ->
                kept.reason(waiting.reason())
                        .nextAttemptAt(waiting.nextAttemptAt())
                        .type(ClusterEventType.COMMAND_DEFERRED);
            case BackupEvent backup -> throw new IllegalArgumentException("Backup events are kept through ofBackup");
        };
    }

    /**
     * What to keep of a backup event: its backup's id and outcome, in {@code reason}. A purge of a deleted cluster's
     * backups is not part of its history (the cluster's events may already be gone).
     */
    static Optional<RecordedClusterEvent> ofBackup(BackupEvent event, @Nullable UUID operationId) {
        var kept = new Builder(event, operationId);
        return switch (event) {
            case BackupCompleted done ->
                Optional.of(kept.reason("Backup %s completed: %d bytes, taken by version %s."
                                .formatted(done.backupId(), done.sizeInBytes(), done.engineVersion()))
                        .type(ClusterEventType.BACKUP_COMPLETED));
            case BackupFailed failed ->
                Optional.of(kept.reason("Backup %s failed: %s".formatted(failed.backupId(), failed.reason()))
                        .type(ClusterEventType.BACKUP_FAILED));
            case BackupDeleted deleted ->
                Optional.of(kept.reason("Backup %s was deleted.".formatted(deleted.backupId()))
                        .type(ClusterEventType.BACKUP_DELETED));
            case BackupDeletionFailed failed ->
                Optional.of(
                        kept.reason("Backup %s could not be deleted: %s".formatted(failed.backupId(), failed.reason()))
                                .type(ClusterEventType.BACKUP_DELETION_FAILED));
            case ClusterBackupsPurged purged -> Optional.empty();
        };
    }

    private static @Nullable String bounded(@Nullable String reason) {
        if (reason == null || reason.codePointCount(0, reason.length()) <= MAX_REASON_LENGTH) {
            return reason;
        }
        int end = reason.offsetByCodePoints(0, MAX_REASON_LENGTH - 1);
        return reason.substring(0, end) + "…";
    }

    /** Collects the fields one kind of event has; the rest stay null. */
    private static final class Builder {

        private final ClusterEvent event;
        private final @Nullable UUID operationId;
        private @Nullable String reason;
        private @Nullable String engineVersion;
        private @Nullable Integer nodeCount;
        private @Nullable Integer nodesReady;
        private @Nullable Instant nextAttemptAt;

        Builder(ClusterEvent event, @Nullable UUID operationId) {
            this.event = event;
            this.operationId = operationId;
        }

        Builder reason(String why) {
            reason = why;
            return this;
        }

        Builder nodesReady(int ready) {
            nodesReady = ready;
            return this;
        }

        Builder shape(String version, int nodes, int ready) {
            engineVersion = version;
            nodeCount = nodes;
            nodesReady = ready;
            return this;
        }

        Builder nextAttemptAt(Instant next) {
            nextAttemptAt = next;
            return this;
        }

        RecordedClusterEvent type(ClusterEventType type) {
            return new RecordedClusterEvent(
                    event.id(),
                    event.clusterId(),
                    type,
                    event.createdAt(),
                    reason,
                    engineVersion,
                    nodeCount,
                    nodesReady,
                    operationId,
                    nextAttemptAt);
        }
    }
}
