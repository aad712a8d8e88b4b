package io.dbaas.orion.backup;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.cluster.Cluster;
import java.util.UUID;

/**
 * What a backup command names of its cluster: whose it is, where it lives, which engine; and how many nodes it runs,
 * kept with a backup taken now.
 */
record BackupTarget(UUID clusterId, UUID accountId, String provider, String region, Engine engine, int nodes) {

    static BackupTarget of(Cluster cluster) {
        return new BackupTarget(
                cluster.id(),
                cluster.accountId(),
                cluster.provider(),
                cluster.region(),
                cluster.engine(),
                cluster.running().nodes());
    }
}
