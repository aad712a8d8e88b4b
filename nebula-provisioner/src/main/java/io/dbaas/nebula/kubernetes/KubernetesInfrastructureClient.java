package io.dbaas.nebula.kubernetes;

import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.InvalidClusterSpecsException;
import io.dbaas.nebula.kubernetes.reconcile.ClusterReconciler;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.dbaas.nebula.security.MasterKeyVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Kubernetes backend: renders the engine's objects with the engine's blueprint, for the region the specs name, and
 * applies them there.
 */
@Component
class KubernetesInfrastructureClient implements InfrastructureClient {

    private static final Logger log = LoggerFactory.getLogger(KubernetesInfrastructureClient.class);

    private final RegionCatalog catalog;
    private final RegionClients clients;
    private final EngineBlueprints blueprints;
    private final MasterKeyVault masterKeys;

    KubernetesInfrastructureClient(
            RegionCatalog catalog, RegionClients clients, EngineBlueprints blueprints, MasterKeyVault masterKeys) {
        this.catalog = catalog;
        this.clients = clients;
        this.blueprints = blueprints;
        this.masterKeys = masterKeys;
    }

    @Override
    public ProvisioningReport provision(DBClusterSpecs specs) {
        RegionId regionId = new RegionId(specs.provider(), specs.region());
        Region region = catalog.find(regionId)
                .orElseThrow(() ->
                        new InfrastructureException("No Kubernetes API is configured for " + regionId + ".", false));
        EngineBlueprint blueprint = blueprints
                .find(specs.engine())
                .orElseThrow(() -> new InfrastructureException(
                        "This version of Nebula has no blueprint for "
                                + specs.engine().id() + " clusters, so it cannot provision them.",
                        false));
        DesiredCluster cluster;
        try {
            cluster = blueprint.render(specs, region.properties());
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
            ProvisioningReport report = ClusterReconciler.reconcile(
                    new Appliers(connection.client()), cluster, masterKeys.forCluster(specs.clusterId()));
            log.info("Cluster {} in {}: {}", specs.clusterId(), regionId, report.resources());
            return report;
        } catch (ResourceOperationException e) {
            throw KubernetesFailures.describe(connection, e);
        }
    }
}
