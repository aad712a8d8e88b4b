package io.dbaas.orion.events;

import java.util.Locale;

/** What a recorded event says happened to a cluster, as clients read it ({@code type}, in lower case). */
public enum ClusterEventType {
    /** Nebula accepted the creation and started building the cluster's objects. */
    PROVISIONING_STARTED,
    /** Every node is ready; the cluster serves. */
    PROVISIONED,
    /** Fewer nodes are ready than should be; {@code reason} says which and why. */
    DEGRADED,
    /** A degraded cluster has every node ready again. */
    RECOVERED,
    /** A change of the number of nodes or of each node's resources is complete. */
    SCALED,
    /** A move to another engine version is complete. */
    UPGRADED,
    /** A scale or upgrade was refused or could not be carried out; the cluster kept its shape. */
    CHANGE_FAILED,
    /** The cluster could not be provisioned. */
    FAILED,
    /** Nebula started removing the cluster. */
    DELETION_STARTED,
    /** Every object of the cluster is gone. */
    DELETED,
    /** A command waits for its region (unreachable for now) and is tried again at {@code next_attempt_at}. */
    COMMAND_DEFERRED,
    /** A backup was taken; {@code reason} names it and its size. */
    BACKUP_COMPLETED,
    /** A backup could not be taken; {@code reason} names it and says why. */
    BACKUP_FAILED,
    /** A backup was deleted from the backup storage; {@code reason} names it. */
    BACKUP_DELETED,
    /** A backup could not be deleted and is kept; {@code reason} names it and says why. */
    BACKUP_DELETION_FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
