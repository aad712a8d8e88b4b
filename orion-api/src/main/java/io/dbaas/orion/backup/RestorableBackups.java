package io.dbaas.orion.backup;

import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.Clusters;
import io.dbaas.orion.cluster.RestoreSources;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The backups a claim may start from: the account's, still listed, a deleted cluster's during its retention. */
@Component
class RestorableBackups implements RestoreSources {

    private final Backups backups;
    private final Clusters clusters;

    RestorableBackups(Backups backups, Clusters clusters) {
        this.backups = backups;
        this.clusters = clusters;
    }

    @Override
    public Optional<RestorableBackup> find(UUID accountId, String backupId) {
        return backups.find(accountId, backupId)
                .filter(backup -> BackupIds.belongsTo(backup.id(), backup.clusterId()))
                .flatMap(backup -> clusters.findById(backup.clusterId())
                        .map(source -> restorable(
                                backup,
                                source,
                                backups.nodesOf(backup.id())
                                        .orElse(source.running().nodes()))));
    }

    private static RestorableBackup restorable(Backup backup, Cluster source, int nodes) {
        return new RestorableBackup(
                new RestoreSource(backup.clusterId(), backup.id(), backup.snapshots()),
                source.engine(),
                backup.state() == BackupState.COMPLETED,
                backup.engineVersion(),
                backup.sizeInBytes(),
                nodes);
    }
}
