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
    DELETE
}
