package io.dbaas.nebula.kubernetes;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.infrastructure.ClusterRef;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ObservedCluster;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.apply.RenderingRollouts;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.metrics.CertificateExpiries;
import io.dbaas.nebula.kubernetes.metrics.ClusterStates;
import io.dbaas.nebula.kubernetes.metrics.Reconciles;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.InvalidClusterSpecsException;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.reconcile.ChangeChecks;
import io.dbaas.nebula.kubernetes.reconcile.ClusterReconciler;
import io.dbaas.nebula.kubernetes.reconcile.ClusterRemover;
import io.dbaas.nebula.kubernetes.region.FailureClassifier;
import io.dbaas.nebula.kubernetes.region.KubernetesFailures;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.region.RegionFootprints;
import io.dbaas.nebula.kubernetes.region.RegionUnavailableException;
import io.dbaas.nebula.kubernetes.status.ObservedClusters;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.dbaas.nebula.security.MasterKeyVault;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Kubernetes backend: renders the engine's objects with the engine's blueprint, for the region the specs name, and
 * applies them there; changes, removes and observes them. Knows no engine: everything engine-specific comes from the
 * blueprint.
 */
@Component
public class KubernetesInfrastructureClient implements InfrastructureClient {

    private static final Logger log = LoggerFactory.getLogger(KubernetesInfrastructureClient.class);

    private final RegionCatalog catalog;
    private final RegionClients clients;
    private final EngineBlueprints blueprints;
    private final NebulaProperties properties;
    private final ClusterLocks locks;
    private final MasterKeyVault masterKeys;
    private final RegionFootprints footprints;
    private final Reconciles reconciles;
    private final ClusterStates states;
    private final CertificateExpiries certificateExpiries;

    public KubernetesInfrastructureClient(
            RegionCatalog catalog,
            RegionClients clients,
            EngineBlueprints blueprints,
            NebulaProperties properties,
            ClusterLocks locks,
            MasterKeyVault masterKeys,
            RegionFootprints footprints,
            Reconciles reconciles,
            ClusterStates states,
            CertificateExpiries certificateExpiries) {
        this.catalog = catalog;
        this.clients = clients;
        this.blueprints = blueprints;
        this.properties = properties;
        this.locks = locks;
        this.masterKeys = masterKeys;
        this.footprints = footprints;
        this.reconciles = reconciles;
        this.states = states;
        this.certificateExpiries = certificateExpiries;
    }

    @Override
    public ProvisioningReport provision(DBClusterSpecs specs) {
        return converge(specs, false);
    }

    @Override
    public ProvisioningReport update(DBClusterSpecs specs) {
        return converge(specs, true);
    }

    /**
     * Converges the cluster of {@code specs}, as they were last asked for, on the API of {@code connection}: what the
     * watches call when they see one of the cluster's objects deleted or edited by hand, and on every resync. A pod
     * template that only this Nebula release renders differently rolls within {@code nebula.status.rendering-rollouts}
     * (none by default: it waits for the cluster's next command).
     */
    public ProvisioningReport restore(RegionConnection connection, DBClusterSpecs specs) {
        RegionId region = connection.region().id();
        return reconciled(specs, region, () -> {
            EngineBlueprint blueprint = blueprint(specs.engine());
            DesiredCluster cluster = render(blueprint, specs, connection.region());
            return locks.holding(
                    specs.clusterId(),
                    () -> onApi(
                            connection,
                            () -> ClusterReconciler.reconcile(
                                    new Appliers(
                                            connection.client(),
                                            RenderingRollouts.atMost(
                                                    properties.status().renderingRollouts())),
                                    cluster,
                                    masterKeys.forCluster(specs.clusterId()))));
        });
    }

    private ProvisioningReport converge(DBClusterSpecs specs, boolean change) {
        Region region = region(specs.provider(), specs.region());
        return reconciled(specs, region.id(), () -> {
            EngineBlueprint blueprint = blueprint(specs.engine());
            DesiredCluster cluster = render(blueprint, specs, region);
            RegionConnection connection = connect(region);
            return locks.holding(
                    specs.clusterId(),
                    () -> onApi(connection, () -> {
                        Appliers appliers = new Appliers(connection.client());
                        recordFootprint(appliers, specs, region);
                        if (change) {
                            ChangeChecks.check(appliers, cluster, specs, blueprint);
                        }
                        ProvisioningReport report = ClusterReconciler.reconcile(
                                appliers, cluster, masterKeys.forCluster(specs.clusterId()));
                        log.info("Cluster {} in {}: {}", specs.clusterId(), region.id(), report.resources());
                        return report;
                    }));
        });
    }

    /** Times a reconcile of a cluster in a configured region, and keeps the expiry of the certificates it left. */
    private ProvisioningReport reconciled(DBClusterSpecs specs, RegionId region, Supplier<ProvisioningReport> work) {
        ProvisioningReport report = reconciles.timed(specs.engine(), region, work);
        certificateExpiries.record(region, specs.clusterId(), report.certificatesExpiry());
        return report;
    }

    /**
     * Records that Nebula may now write the cluster's objects in {@code region}, after a read that shows the region's
     * API answers: a cluster whose first attempts never got an answer stays without a footprint.
     */
    private void recordFootprint(Appliers appliers, DBClusterSpecs specs, Region region) {
        if (!footprints.has(specs.clusterId())) {
            appliers.namespaceMarks().find(ResourceNames.namespace(specs.clusterId()));
            footprints.record(specs.clusterId(), region.id());
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A cluster Nebula never wrote anything for (no footprint, no master key) is deleted without asking its region,
     * which may never have been reachable.
     */
    @Override
    public DeletionReport delete(ClusterRef cluster) {
        Region region = region(cluster.provider(), cluster.region());
        if (!footprints.has(cluster.clusterId()) && !masterKeys.holds(cluster.clusterId())) {
            log.info(
                    "Cluster {} in {} deleted: Nebula never wrote anything for it there",
                    cluster.clusterId(),
                    region.id());
            return new DeletionReport(false, List.of(), List.of());
        }
        RegionConnection connection = connect(region);
        String namespace = ResourceNames.namespace(cluster.clusterId());
        states.deletionStarted(cluster.clusterId(), cluster.engine());
        boolean deleted = false;
        try {
            DeletionReport deletion = locks.holding(
                    cluster.clusterId(),
                    () -> onApi(connection, () -> {
                        DeletionReport report = ClusterRemover.remove(
                                new Appliers(connection.client()),
                                namespace,
                                Labels.of(cluster.engine().id(), cluster.clusterId()),
                                properties.deletion(),
                                region.properties().prometheusOperator());
                        // Nothing is left to restore: the key goes with the cluster.
                        masterKeys.forget(cluster.clusterId());
                        footprints.forget(cluster.clusterId());
                        certificateExpiries.forget(cluster.clusterId());
                        log.info("Cluster {} in {} deleted: {}", cluster.clusterId(), region.id(), report);
                        return report;
                    }));
            deleted = true;
            return deletion;
        } finally {
            states.deletionEnded(cluster.clusterId(), deleted);
        }
    }

    /**
     * The cluster's nodes are gone from its region, deleted by this instance, another one or by hand: its certificates
     * no longer count until a reconcile finds them again (a restore recreates what was deleted by hand).
     */
    public void nodesGone(UUID clusterId) {
        certificateExpiries.forget(clusterId);
    }

    @Override
    public Optional<ObservedCluster> observe(ClusterRef cluster) {
        Region region = region(cluster.provider(), cluster.region());
        EngineBlueprint blueprint = blueprint(cluster.engine());
        RegionConnection connection = connect(region);
        try {
            return ObservedClusters.observe(connection.client(), cluster.clusterId(), blueprint);
        } catch (KubernetesClientException e) {
            throw new InfrastructureException(
                    connection.apiDescription() + " could not be read: " + KubernetesFailures.networkProblem(e) + ".",
                    FailureClassifier.classify(e).isTransient(),
                    e);
        }
    }

    private Region region(String provider, String regionName) {
        RegionId regionId = new RegionId(provider, regionName);
        return catalog.find(regionId)
                .orElseThrow(() ->
                        new InfrastructureException("No Kubernetes API is configured for " + regionId + ".", false));
    }

    private EngineBlueprint blueprint(Engine engine) {
        return blueprints
                .find(engine)
                .orElseThrow(() -> new InfrastructureException(
                        "This version of Nebula has no blueprint for " + engine.id()
                                + " clusters, so it cannot provision them.",
                        false));
    }

    private static DesiredCluster render(EngineBlueprint blueprint, DBClusterSpecs specs, Region region) {
        try {
            return blueprint.render(specs, region.properties());
        } catch (InvalidClusterSpecsException e) {
            throw new InfrastructureException(e.getMessage(), false, e);
        }
    }

    private RegionConnection connect(Region region) {
        try {
            return clients.connect(region);
        } catch (RegionUnavailableException e) {
            throw new InfrastructureException(
                    "The Kubernetes API of " + region.id() + " is not usable: " + e.getMessage() + ".", false, e);
        }
    }

    private static <T> T onApi(RegionConnection connection, Supplier<T> work) {
        try {
            return work.get();
        } catch (ResourceOperationException e) {
            throw KubernetesFailures.describe(connection, e);
        } catch (MasterKeyCipher.SealedKeyException e) {
            // Permanent until an operator acts: trying again opens the same sealed key with the same wrong KEK.
            throw new InfrastructureException(
                    "Nebula's sealed copy of the cluster's master key does not open with the configured"
                            + " key-encryption key (" + e.getMessage() + "): the key-encryption key was changed, or"
                            + " the database holds another installation's keys. Configure the key it was sealed with.",
                    false,
                    e);
        }
    }
}
