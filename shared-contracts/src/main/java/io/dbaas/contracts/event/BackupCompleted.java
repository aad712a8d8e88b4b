package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.BackupSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A backup was taken: the engine reported its snapshot complete. The backup can be restored into a new cluster from
 * now on, and is kept until it is deleted or its cluster's retention removes it.
 *
 * @param backupId the backup's id, as in {@link io.dbaas.contracts.command.TakeBackup}
 * @param engineVersion the engine version that took the snapshot: a restore needs a version that can read it
 * @param sizeInBytes the snapshot's size as the engine reports it (Elasticsearch: the files the snapshot added and
 *     shares with earlier ones; Qdrant: the total of its snapshots)
 * @param snapshots Qdrant's snapshots, needed to restore and delete the backup; empty for Elasticsearch
 */
@JsonTypeName(BackupCompleted.NAME)
public record BackupCompleted(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID clusterId,
        String backupId,
        String engineVersion,
        long sizeInBytes,
        Instant startedAt,
        Instant finishedAt,
        List<BackupSnapshot> snapshots)
        implements BackupEvent {

    public static final String NAME = "BackupCompleted";
    public static final String SCHEMA_ID = "dbaas.event.backup-completed.v1";

    public BackupCompleted {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(backupId, "backup_id");
        Objects.requireNonNull(engineVersion, "engine_version");
        Objects.requireNonNull(startedAt, "started_at");
        Objects.requireNonNull(finishedAt, "finished_at");
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
