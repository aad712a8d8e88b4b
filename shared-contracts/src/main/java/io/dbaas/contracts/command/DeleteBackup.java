package io.dbaas.contracts.command;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.BackupSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Delete one backup of a running cluster (asked through the API, or past its retention). Deleting a backup that is
 * already gone succeeds. Nebula answers with {@link io.dbaas.contracts.event.BackupDeleted} or
 * {@link io.dbaas.contracts.event.BackupDeletionFailed}. The backups of a deleted cluster are removed together, by
 * {@link PurgeClusterBackups}.
 *
 * @param snapshots Qdrant's snapshots of the backup, from its {@code BackupCompleted}; empty for Elasticsearch
 */
@JsonTypeName(DeleteBackup.NAME)
public record DeleteBackup(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID accountId,
        String cloudProvider,
        String cloudRegion,
        UUID clusterId,
        Engine engine,
        String backupId,
        List<BackupSnapshot> snapshots)
        implements BackupCommand {

    public static final String NAME = "DeleteBackup";
    public static final String SCHEMA_ID = "dbaas.command.delete-backup.v1";

    public DeleteBackup {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        BackupCommand.requireTarget(accountId, cloudProvider, cloudRegion, engine);
        BackupCommand.requireBackupOf(backupId, clusterId);
        snapshots = List.copyOf(Objects.requireNonNull(snapshots, "snapshots"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String schemaId() {
        return SCHEMA_ID;
    }
}
