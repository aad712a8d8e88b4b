package io.dbaas.orion.cluster;

import java.util.UUID;

/** The cluster's state does not allow the request (for example a scale of a failed cluster). Nothing was changed. */
public class ClusterStateConflictException extends RuntimeException {

    public ClusterStateConflictException(UUID clusterId, ClusterState state, String allowed) {
        super("cluster %s is %s; %s".formatted(clusterId, state, allowed));
    }
}
