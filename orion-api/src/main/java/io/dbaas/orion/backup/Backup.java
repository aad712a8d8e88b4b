package io.dbaas.orion.backup;

import io.dbaas.contracts.backup.BackupSnapshot;
import io.dbaas.contracts.backup.BackupTrigger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One backup of a cluster as Orion keeps it.
 *
 * @param pageKey orders backups started at the same instant in listings' page tokens
 * @param reason why it failed, or why its deletion failed; null otherwise
 * @param snapshots Qdrant's snapshots from its {@code BackupCompleted}, needed to delete or restore it
 * @param operationId the operation of a backup asked for through the API; null for a scheduled one
 * @param startedAt when it was asked for (its due time, for a scheduled one)
 */
public record Backup(
        String id,
        UUID pageKey,
        UUID clusterId,
        UUID accountId,
        BackupTrigger trigger,
        BackupState state,
        @Nullable String reason,
        @Nullable String engineVersion,
        @Nullable Long sizeInBytes,
        List<BackupSnapshot> snapshots,
        @Nullable UUID operationId,
        Instant startedAt,
        @Nullable Instant finishedAt) {

    public Backup {
        snapshots = List.copyOf(snapshots);
    }

    /** A backup just asked for: running, nothing known of it yet. */
    static Backup started(
            String id, UUID clusterId, UUID accountId, BackupTrigger trigger, @Nullable UUID operationId, Instant at) {
        return new Backup(
                id,
                UUID.randomUUID(),
                clusterId,
                accountId,
                trigger,
                BackupState.RUNNING,
                null,
                null,
                null,
                List.of(),
                operationId,
                at,
                null);
    }
}
