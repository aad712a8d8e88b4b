package io.dbaas.nebula.kubernetes.metrics;

import java.util.Locale;

/** Where a cluster stands as Nebula sees it: the {@code state} tag of {@code nebula.clusters}. */
public enum ClusterState {
    /** Created, and no node set ready yet at the shape of its first command. */
    PROVISIONING,
    /** Has run, and is not degraded (a change in progress counts as running). */
    RUNNING,
    /** Has run, and is now short of ready nodes or has a problem announced as {@code ClusterDegraded}. */
    DEGRADED,
    /** Never became ready within the grace period: announced as {@code ClusterFailed}. */
    FAILED,
    /** Its deletion is under way in this Nebula instance. */
    DELETING;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
