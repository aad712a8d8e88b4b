package io.dbaas.gatekeeper.directory;

/** What a known cluster can do with a request right now. */
public enum ClusterState {
    /** Provisioning started; nothing answers yet, and GateKeeper knows only the cluster id. */
    PROVISIONING,
    /** Serving: running, degraded (its ready nodes still serve) or being changed. */
    RUNNING,
    /** Provisioning failed. */
    FAILED,
    /** Deletion started: it no longer serves and will be forgotten once deleted. */
    DELETING
}
