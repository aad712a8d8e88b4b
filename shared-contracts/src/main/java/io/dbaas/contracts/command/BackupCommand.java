package io.dbaas.contracts.command;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.BackupIds;
import java.util.Objects;
import java.util.UUID;

/**
 * A command about a cluster's backups. It names the cluster's account, region and engine, so Nebula can carry it
 * out without the cluster (a purge runs after the cluster is gone) and finds the backups under the account's path
 * only.
 */
public sealed interface BackupCommand extends ClusterCommand permits TakeBackup, DeleteBackup, PurgeClusterBackups {

    UUID accountId();

    String cloudProvider();

    String cloudRegion();

    Engine engine();

    static void requireTarget(UUID accountId, String cloudProvider, String cloudRegion, Engine engine) {
        Objects.requireNonNull(accountId, "account_id");
        Objects.requireNonNull(cloudProvider, "cloud_provider");
        Objects.requireNonNull(cloudRegion, "cloud_region");
        Objects.requireNonNull(engine, "engine");
    }

    static void requireBackupOf(String backupId, UUID clusterId) {
        Objects.requireNonNull(backupId, "backup_id");
        if (!BackupIds.belongsTo(backupId, clusterId)) {
            throw new IllegalArgumentException("backup_id is not a backup of cluster_id");
        }
    }
}
