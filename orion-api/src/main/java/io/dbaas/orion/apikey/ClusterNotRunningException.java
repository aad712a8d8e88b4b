package io.dbaas.orion.apikey;

import io.dbaas.orion.cluster.ClusterState;
import java.util.UUID;

/** Keys and tokens derive from the master key, which exists only once the cluster has been provisioned. */
public class ClusterNotRunningException extends RuntimeException {

    public ClusterNotRunningException(UUID id, ClusterState state) {
        super("cluster " + id + " is " + state + "; API keys and tokens can be created once it is RUNNING");
    }
}
