package io.dbaas.nebula.kubernetes;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException;
import io.dbaas.nebula.kubernetes.model.InvalidClusterSpecsException;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.kubernetes.reconcile.QdrantReconciler;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The Kubernetes backend: renders the engine's objects for the region the specs name and applies them there. */
@Component
class KubernetesInfrastructureClient implements InfrastructureClient {

    private static final Logger log = LoggerFactory.getLogger(KubernetesInfrastructureClient.class);

    private final RegionCatalog catalog;
    private final RegionClients clients;

    KubernetesInfrastructureClient(RegionCatalog catalog, RegionClients clients) {
        this.catalog = catalog;
        this.clients = clients;
    }

    @Override
    public ProvisioningReport provision(DBClusterSpecs specs) {
        RegionId regionId = new RegionId(specs.provider(), specs.region());
        Region region = catalog.find(regionId)
                .orElseThrow(() ->
                        new InfrastructureException("No Kubernetes API is configured for " + regionId + ".", false));
        if (specs.engine() != Engine.QDRANT) {
            throw new InfrastructureException(
                    "This version of Nebula cannot provision " + specs.engine().id() + " clusters yet.", false);
        }
        QdrantCluster cluster;
        try {
            cluster = QdrantCluster.fromSpecs(specs, region.properties());
        } catch (InvalidClusterSpecsException e) {
            throw new InfrastructureException(e.getMessage(), false, e);
        }
        RegionConnection connection;
        try {
            connection = clients.connect(region);
        } catch (RegionUnavailableException e) {
            throw new InfrastructureException(
                    "The Kubernetes API of " + regionId + " is not usable: " + e.getMessage() + ".", false, e);
        }
        try {
            ProvisioningReport report = new QdrantReconciler(new Appliers(connection.client())).reconcile(cluster);
            log.info("Cluster {} in {}: {}", specs.clusterId(), regionId, report.resources());
            return report;
        } catch (ResourceOperationException e) {
            throw KubernetesFailures.describe(connection, e);
        }
    }
}
