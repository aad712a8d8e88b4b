package io.dbaas.nebula.kubernetes.reconcile;

import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.apply.SecretApplier;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.security.MasterKeys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a Qdrant cluster's objects to their rendered state, in an order where every object exists before anything
 * refers to it. Readiness is not awaited here: the status watch reports it.
 */
public class QdrantReconciler {

    private final Appliers appliers;

    public QdrantReconciler(Appliers appliers) {
        this.appliers = appliers;
    }

    public ProvisioningReport reconcile(QdrantCluster cluster) {
        List<AppliedResource> applied = new ArrayList<>();
        namespace(cluster, applied);
        masterKeySecret(cluster, applied);
        configMap(cluster, applied);
        services(cluster, applied);
        statefulSet(cluster, applied);
        return new ProvisioningReport(applied);
    }

    private void namespace(QdrantCluster cluster, List<AppliedResource> applied) {
        var namespace = cluster.generateNamespace();
        applied.add(record(namespace, appliers.namespaces().apply(namespace)));
    }

    /** Generates the master key only when the Secret does not exist yet; an existing key is never replaced. */
    private void masterKeySecret(QdrantCluster cluster, List<AppliedResource> applied) {
        SecretApplier.Outcome outcome = appliers.secrets()
                .createOnce(
                        cluster.namespace(),
                        ResourceNames.QDRANT_MASTER_KEY_SECRET,
                        () -> cluster.generateMasterKeySecret(MasterKeys.generate()));
        if (MasterKeySecrets.masterKey(outcome.secret()).isEmpty()) {
            throw new InfrastructureException(
                    "Secret %s/%s exists but holds no '%s' entry. Nebula never replaces a master key; delete the Secret to have a new one generated."
                            .formatted(
                                    cluster.namespace(),
                                    ResourceNames.QDRANT_MASTER_KEY_SECRET,
                                    ResourceNames.MASTER_KEY_ENTRY),
                    false);
        }
        applied.add(record(outcome.secret(), outcome.change()));
    }

    private void configMap(QdrantCluster cluster, List<AppliedResource> applied) {
        var configMap = cluster.generateConfigMap();
        applied.add(record(configMap, appliers.configMaps().apply(configMap)));
    }

    private void services(QdrantCluster cluster, List<AppliedResource> applied) {
        var headless = cluster.generateHeadlessService();
        applied.add(record(headless, appliers.services().apply(headless)));
        var client = cluster.generateClientService();
        applied.add(record(client, appliers.services().apply(client)));
    }

    private void statefulSet(QdrantCluster cluster, List<AppliedResource> applied) {
        var statefulSet = cluster.generateStatefulSet();
        applied.add(record(statefulSet, appliers.statefulSets().apply(statefulSet)));
    }

    private static AppliedResource record(HasMetadata object, ResourceChange change) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        return new AppliedResource(object.getKind(), namespace == null ? name : namespace + "/" + name, change);
    }
}
