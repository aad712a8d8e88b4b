package io.dbaas.orion.cluster;

/** Where a cluster is in its life. */
public enum ClusterState {
    /** Claimed; the provisioning command is on its way to Nebula. */
    PENDING,
    /**
     * Claimed, but its region cannot hold it yet; no command was sent. Moves to {@code PENDING} by itself, oldest claim
     * first, when capacity is added or freed.
     */
    WAITING_FOR_CAPACITY,
    /** Nebula is creating the cluster's objects and waiting for its nodes. */
    PROVISIONING,
    /** Every node is ready; the cluster answers at its endpoint. */
    RUNNING,
    /** Provisioning failed; the reason says why. */
    FAILED
}
