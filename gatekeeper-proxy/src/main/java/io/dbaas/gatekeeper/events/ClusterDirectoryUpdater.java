package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.directory.MasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one cluster event to the directory. Applying an event twice has the effect of applying it once, so
 * redelivered or replayed events need no deduplication here.
 */
public class ClusterDirectoryUpdater {

    private static final Logger log = LoggerFactory.getLogger(ClusterDirectoryUpdater.class);

    private final ClusterDirectory directory;
    private final MasterKeyCipher cipher;

    public ClusterDirectoryUpdater(ClusterDirectory directory, MasterKeyCipher cipher) {
        this.directory = directory;
        this.cipher = cipher;
    }

    /**
     * @throws MasterKeyCipher.SealedKeyException when the event's master key does not open
     * @throws IllegalArgumentException when the event's addresses cannot form a route
     */
    public void apply(ClusterEvent event) {
        switch (event) {
            case ClusterProvisioned provisioned -> route(provisioned);
            case ClusterFailed failed -> unroute(failed, "it failed");
            case ClusterDeletionStarted deleting -> unroute(deleting, "it is being deleted");
            case ClusterDeleted deleted -> unroute(deleted, "it was deleted");
            // Nothing answers yet: the cluster becomes routable when it is provisioned.
            case ClusterProvisioningStarted ignored -> {}
            // A cluster being changed, or short of nodes, keeps its route: its ready nodes still serve.
            case ClusterUpdated ignored -> {}
            case ClusterChangeFailed ignored -> {}
            case ClusterDegraded ignored -> {}
            case ClusterRecovered ignored -> {}
        }
    }

    private void route(ClusterProvisioned event) {
        MasterKey masterKey = new MasterKey(cipher.open(event.clusterId(), event.sealedMasterKey()));
        ClusterRoute route = new ClusterRoute(
                event.clusterId(),
                event.clusterEndpoint(),
                event.internalAddress().toUri(),
                masterKey);
        directory.put(route);
        log.info("Routing {} to cluster {} at {}", route.host(), route.clusterId(), route.upstream());
    }

    private void unroute(ClusterEvent event, String why) {
        directory.remove(event.clusterId());
        log.info("No longer routing to cluster {}: {}", event.clusterId(), why);
    }
}
