package io.dbaas.nebula.kubernetes;

import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.status.ReconcileOutcomes;
import io.dbaas.nebula.kubernetes.status.ReconcileRequests;
import io.dbaas.nebula.kubernetes.status.RegionReconciles;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Answers the watches' reconcile requests by restoring the cluster on the specs kept on its namespace, through the
 * Kubernetes backend; one {@link RegionRestores} per watched region.
 */
@Component
public class ClusterRestores implements ReconcileRequests {

    private final KubernetesInfrastructureClient infrastructure;

    public ClusterRestores(KubernetesInfrastructureClient infrastructure) {
        this.infrastructure = infrastructure;
    }

    @Override
    public RegionReconciles forRegion(RegionConnection connection, ReconcileOutcomes outcomes) {
        return new RegionRestores(connection, infrastructure, outcomes);
    }

    @Override
    public void nodesGone(UUID clusterId) {
        infrastructure.nodesGone(clusterId);
    }
}
