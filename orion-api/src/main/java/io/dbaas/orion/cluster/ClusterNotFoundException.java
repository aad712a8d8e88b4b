package io.dbaas.orion.cluster;

import java.util.UUID;

/** No cluster with that id is visible to the caller. */
public class ClusterNotFoundException extends RuntimeException {

    public ClusterNotFoundException(UUID id) {
        super("cluster " + id + " not found");
    }
}
