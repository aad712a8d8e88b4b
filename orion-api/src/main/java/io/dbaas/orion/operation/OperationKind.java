package io.dbaas.orion.operation;

/** What an operation changes. */
public enum OperationKind {
    /** Provisions a claimed cluster. */
    CREATE,
    /** Changes the number of nodes or the resources of each node. */
    SCALE,
    /** Rolls the cluster onto a newer engine version. */
    UPGRADE,
    /** Removes the cluster and everything it owns. */
    DELETE,
    /**
     * Takes a backup asked for through the API. It runs beside the cluster's lifecycle: it is never the cluster's
     * operation under way, and neither blocks nor is blocked by a scale, an upgrade or a deletion.
     */
    BACKUP
}
