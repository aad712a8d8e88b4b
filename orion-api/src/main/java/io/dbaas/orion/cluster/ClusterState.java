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
    /**
     * A scale, resize or upgrade is under way; the cluster keeps serving. Back to {@code RUNNING} when it completes, or,
     * when Nebula refuses it, with its previous shape.
     */
    UPDATING,
    /** The cluster serves, but not every node is ready; the reason says which and why. */
    DEGRADED,
    /** Provisioning failed; the reason says why. */
    FAILED,
    /** A deletion is under way; the cluster no longer serves. */
    DELETING,
    /** The cluster and everything it owned are gone; its capacity is free. Kept for the record. */
    DELETED
}
