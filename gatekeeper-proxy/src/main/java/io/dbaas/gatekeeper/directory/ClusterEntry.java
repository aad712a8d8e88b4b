package io.dbaas.gatekeeper.directory;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One cluster the directory knows of.
 *
 * @param clusterId the cluster
 * @param state whether it serves
 * @param route where it is served; always present when {@link ClusterState#RUNNING}, present in other states when the
 *     cluster was routable before, absent for a cluster whose provisioning has only started
 */
public record ClusterEntry(
        UUID clusterId, ClusterState state, @Nullable ClusterRoute route) {

    public ClusterEntry {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(state, "state");
        if (state == ClusterState.RUNNING && route == null) {
            throw new IllegalArgumentException("a running cluster needs a route");
        }
        if (route != null && !route.clusterId().equals(clusterId)) {
            throw new IllegalArgumentException("the route belongs to another cluster");
        }
    }

    /** The route to send requests to: only a running cluster has one. */
    public @Nullable ClusterRoute routable() {
        return state == ClusterState.RUNNING ? route : null;
    }
}
