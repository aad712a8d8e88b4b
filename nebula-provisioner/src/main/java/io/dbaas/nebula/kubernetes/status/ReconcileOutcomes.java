package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.Engine;
import java.util.UUID;

/**
 * What a reconcile tells the watches back: problems that the cluster's objects do not show, so that status can
 * announce them (and their end) like any other degradation.
 */
public interface ReconcileOutcomes {

    /** The cluster was reconciled: a problem reported before is over. */
    void reconciled(UUID clusterId, Engine engine, String namespace);

    /** The cluster's master-key Secret is gone and no vault holds its key: a degradation, never a new key. */
    void masterKeyMissing(UUID clusterId, Engine engine, String namespace, String reason);
}
