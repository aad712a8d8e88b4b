package io.dbaas.nebula.kubernetes.model;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import java.util.Optional;
import java.util.UUID;

/**
 * One cluster's place in its region's backup storage: the store, and the path under which this cluster's snapshots,
 * and only this cluster's, live. The path names the owning account and then the cluster, so that no two clusters
 * share one and an account's backups can be listed (and, with credentials scoped to that prefix, read) on their own.
 *
 * @param storage the region's store
 * @param basePath {@code [<path-prefix>/]accounts/<account-id>/clusters/<cluster-id>}, with no slash at either end
 */
public record ClusterBackupStorage(BackupStorage storage, String basePath) {

    /**
     * Where {@code specs}' cluster keeps its backups in {@code region}; empty when the region names no store, or when
     * the owning account is not known (a rendering for review without one, or a cluster last changed before Nebula
     * kept the account: it is wired at its next change).
     */
    public static Optional<ClusterBackupStorage> of(DBClusterSpecs specs, RegionProperties region) {
        if (region.backupStorage() == null || specs.accountId() == null) {
            return Optional.empty();
        }
        BackupStorage storage = region.backupStorage();
        return Optional.of(new ClusterBackupStorage(
                storage, basePath(storage.pathPrefix(), specs.accountId(), specs.clusterId())));
    }

    /** The path of one cluster's backups, the single rule every part of the product derives it with. */
    public static String basePath(String pathPrefix, UUID accountId, UUID clusterId) {
        String own = "accounts/" + accountId + "/clusters/" + clusterId;
        return pathPrefix.isEmpty() ? own : pathPrefix + "/" + own;
    }
}
