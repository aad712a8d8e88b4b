package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterState;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Opens a cluster's sealed master key, in memory only, to issue the cluster's credentials. Keys and tokens are issued
 * only for a cluster that has been provisioned and serves requests; the master key itself never leaves this class's
 * callers.
 */
@Component
class ClusterMasterKeys {

    /** The states in which a cluster holds its master key and serves requests through GateKeeper. */
    private static final Set<ClusterState> SERVING =
            EnumSet.of(ClusterState.RUNNING, ClusterState.DEGRADED, ClusterState.UPDATING);

    private final MasterKeyCipher cipher;

    ClusterMasterKeys(MasterKeyCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * The cluster's master key, in clear.
     *
     * @throws ClusterNotRunningException when the cluster does not serve requests (yet, or any more)
     */
    String open(Cluster cluster) {
        String sealed = cluster.sealedMasterKey()
                .filter(key -> SERVING.contains(cluster.state()))
                .orElseThrow(() -> new ClusterNotRunningException(cluster.id(), cluster.state()));
        return cipher.open(cluster.id(), sealed);
    }
}
