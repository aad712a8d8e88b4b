package io.dbaas.nebula.kubernetes.status;

import io.dbaas.nebula.kubernetes.region.RegionConnection;
import java.util.UUID;

/**
 * All that the watches may ask of the reconciler: look at a cluster again. Watches notice what changed; putting back
 * what was deleted or edited by hand is the reconciler's job, never a watch's.
 */
public interface ReconcileRequests {

    /**
     * Opens the queue of reconcile requests of one region. What a reconcile finds that changes what status must say (a
     * master key nobody holds any more, or the end of that problem) comes back through {@code outcomes}.
     */
    RegionReconciles forRegion(RegionConnection connection, ReconcileOutcomes outcomes);

    /**
     * The cluster's nodes are gone from its region, deleted by this instance, another one or by hand: what the last
     * reconcile recorded about them (their certificates) no longer counts until a reconcile finds them again.
     */
    void nodesGone(UUID clusterId);
}
