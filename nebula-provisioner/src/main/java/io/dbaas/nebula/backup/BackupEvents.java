package io.dbaas.nebula.backup;

import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupDeleted;
import io.dbaas.contracts.event.BackupDeletionFailed;
import io.dbaas.contracts.event.BackupEvent;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.events.EventIds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Builds the outcome of a backup action. Its id derives from the command that asked for it and the outcome, whether
 * Nebula refused the command at once or read the agent's report later: a redelivered command, a second Nebula or a
 * restarted one publish the same id, and Orion applies it once. Its causation is that command.
 */
final class BackupEvents {

    private final Clock clock;
    private final MessageTracing tracing;

    BackupEvents(Clock clock, MessageTracing tracing) {
        this.clock = clock;
        this.tracing = tracing;
    }

    /** The failure of {@code cause}'s action: BackupFailed for a backup, BackupDeletionFailed for a deletion. */
    BackupEvent failed(JobCause cause, String reason) {
        if (cause.action().equals(io.dbaas.nebula.kubernetes.model.BackupAgentJob.DELETE)) {
            return new BackupDeletionFailed(
                    id(cause, BackupDeletionFailed.NAME),
                    clock.instant(),
                    metadata(cause),
                    cause.clusterId(),
                    cause.backupId(),
                    reason);
        }
        return new BackupFailed(
                id(cause, BackupFailed.NAME),
                clock.instant(),
                metadata(cause),
                cause.clusterId(),
                cause.backupId(),
                reason);
    }

    BackupCompleted completed(JobCause cause, AgentReport report, Instant started, Instant finished) {
        return new BackupCompleted(
                id(cause, BackupCompleted.NAME),
                clock.instant(),
                metadata(cause),
                cause.clusterId(),
                cause.backupId(),
                report.engineVersion(),
                report.sizeInBytes(),
                report.startTime() != null ? report.startTime() : started,
                report.endTime() != null ? report.endTime() : finished,
                List.copyOf(report.snapshots()));
    }

    BackupDeleted deleted(JobCause cause, boolean alreadyAbsent) {
        return new BackupDeleted(
                id(cause, BackupDeleted.NAME),
                clock.instant(),
                metadata(cause),
                cause.clusterId(),
                cause.backupId(),
                alreadyAbsent);
    }

    private static java.util.UUID id(JobCause cause, String outcome) {
        return EventIds.of(cause.commandId(), outcome);
    }

    private MessageMetadata metadata(JobCause cause) {
        return tracing.stamped(ClusterEvents.causedBy(cause.commandId(), cause.correlationId(), cause.traceId()));
    }
}
