package io.dbaas.nebula.events;

import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.PurgeClusterBackups;
import io.dbaas.contracts.event.ClusterBackupsPurged;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.tracing.MessageTracing;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builds the events a command causes: deterministic id, same correlation id, the command as causation. */
public final class ClusterEvents {

    private final Clock clock;
    private final MessageTracing tracing;

    public ClusterEvents(Clock clock, MessageTracing tracing) {
        this.clock = clock;
        this.tracing = tracing;
    }

    public ClusterProvisioningStarted provisioningStarted(ClusterCommand command) {
        return new ClusterProvisioningStarted(
                EventIds.of(command.id(), ClusterProvisioningStarted.NAME),
                clock.instant(),
                causedBy(command),
                command.clusterId());
    }

    public ClusterFailed failed(ClusterCommand command, String reason) {
        return new ClusterFailed(
                EventIds.of(command.id(), ClusterFailed.NAME),
                clock.instant(),
                causedBy(command),
                command.clusterId(),
                reason);
    }

    public ClusterChangeFailed changeFailed(ClusterCommand command, String reason) {
        return new ClusterChangeFailed(
                EventIds.of(command.id(), ClusterChangeFailed.NAME),
                clock.instant(),
                causedBy(command),
                command.clusterId(),
                reason);
    }

    public ClusterDeletionStarted deletionStarted(ClusterCommand command) {
        return new ClusterDeletionStarted(
                EventIds.of(command.id(), ClusterDeletionStarted.NAME),
                clock.instant(),
                causedBy(command),
                command.clusterId());
    }

    public ClusterDeleted deleted(ClusterCommand command) {
        return new ClusterDeleted(
                EventIds.of(command.id(), ClusterDeleted.NAME),
                clock.instant(),
                causedBy(command),
                command.clusterId());
    }

    /** Every backup of the deleted cluster gone; a repeated purge finds none, and publishes the same id. */
    public ClusterBackupsPurged backupsPurged(PurgeClusterBackups command, long objectsDeleted) {
        return new ClusterBackupsPurged(
                EventIds.of(command.id(), ClusterBackupsPurged.NAME),
                clock.instant(),
                causedBy(command),
                command.clusterId(),
                objectsDeleted);
    }

    /** One per failed attempt: the id derives from the command and the attempt, so a repeat of it changes nothing. */
    public ClusterCommandDeferred deferred(
            ClusterCommand command, String provider, String region, String reason, int attempts, Instant next) {
        return new ClusterCommandDeferred(
                EventIds.of(command.id(), ClusterCommandDeferred.NAME + "/" + attempts),
                clock.instant(),
                causedBy(command),
                command.clusterId(),
                provider,
                region,
                reason,
                attempts,
                next);
    }

    /** In the trace of the span handling the command, which the event names as its receiver's parent. */
    private MessageMetadata causedBy(ClusterCommand command) {
        return tracing.stamped(command.metadata().causedBy(command));
    }

    /** Metadata of an event caused by a command known only by its ids (read back from the cluster's objects). */
    public static MessageMetadata causedBy(UUID commandId, UUID correlationId, @Nullable String traceId) {
        return new MessageMetadata(correlationId, commandId, traceId);
    }
}
