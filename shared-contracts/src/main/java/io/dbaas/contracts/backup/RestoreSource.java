package io.dbaas.contracts.backup;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The backup a new cluster starts from. It belongs to a cluster of the same account (Orion checked the account, the
 * engine, the version and the size before accepting the claim), so Nebula finds it under that cluster's path in the
 * region's backup storage.
 *
 * @param sourceClusterId the cluster the backup was taken of; it may have been deleted since
 * @param backupId the backup's id ({@link BackupIds})
 * @param snapshots Qdrant's snapshots of the backup, in the order of the report; empty for Elasticsearch
 */
public record RestoreSource(UUID sourceClusterId, String backupId, List<BackupSnapshot> snapshots) {

    public RestoreSource {
        Objects.requireNonNull(sourceClusterId, "source_cluster_id");
        Objects.requireNonNull(backupId, "backup_id");
        if (!BackupIds.belongsTo(backupId, sourceClusterId)) {
            throw new IllegalArgumentException("backup_id is not a backup of source_cluster_id");
        }
        snapshots = List.copyOf(Objects.requireNonNull(snapshots, "snapshots"));
    }
}
