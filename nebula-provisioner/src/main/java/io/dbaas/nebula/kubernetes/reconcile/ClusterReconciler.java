package io.dbaas.nebula.kubernetes.reconcile;

import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.apply.ResourceApplier;
import io.dbaas.nebula.kubernetes.apply.SecretApplier;
import io.dbaas.nebula.kubernetes.apply.StatefulSetApplier;
import io.dbaas.nebula.kubernetes.apply.Volumes;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.SecretGenerationException;
import io.dbaas.nebula.security.MasterKeyVault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings any engine's cluster to its rendered state, in an order where every object exists before anything refers to
 * it: namespace → master-key secret → generated secrets (TLS material) → config maps → services → disruption budgets →
 * network policies → volumes → stateful sets. Readiness is not awaited here: the status watch reports it.
 *
 * <p>Run for a command and again for every out-of-band change the watches see, so every step converges whatever it
 * finds, with one exception: a master key is generated only for a cluster that has no nodes yet. A running cluster
 * whose master-key Secret disappeared keeps running on the key its pods loaded; a new key would lock out every API
 * key derived from the old one.
 */
public class ClusterReconciler {

    private final Appliers appliers;
    private final MasterKeyVault.ClusterKey masterKey;
    private final List<AppliedResource> applied = new ArrayList<>();

    private ClusterReconciler(Appliers appliers, MasterKeyVault.ClusterKey masterKey) {
        this.appliers = appliers;
        this.masterKey = masterKey;
    }

    /**
     * @param masterKey the cluster's key in Nebula's vault: what its master-key Secret is created with, and where a
     *     key found in an existing Secret is kept
     */
    public static ProvisioningReport reconcile(
            Appliers appliers, DesiredCluster cluster, MasterKeyVault.ClusterKey masterKey) {
        return new ClusterReconciler(appliers, masterKey).run(cluster);
    }

    private ProvisioningReport run(DesiredCluster cluster) {
        namespace(cluster);
        masterKeySecret(cluster);
        generatedSecrets(cluster);
        configMaps(cluster);
        services(cluster);
        podDisruptionBudgets(cluster);
        networkPolicies(cluster);
        volumes(cluster);
        statefulSets(cluster);
        return new ProvisioningReport(applied);
    }

    private void namespace(DesiredCluster cluster) {
        apply(appliers.namespaces(), List.of(cluster.namespace()));
    }

    /**
     * Creates the master-key Secret when it does not exist, with the key of Nebula's vault: generated there the first
     * time, the same key when the Secret was lost and is restored. An existing Secret's key is never replaced; it is
     * kept in the vault when the vault has none.
     */
    private void masterKeySecret(DesiredCluster cluster) {
        String namespace = cluster.namespaceName();
        String name = cluster.masterKeySecret().getMetadata().getName();
        // Decided only when the Secret is missing, so that the common case (it exists) costs one read.
        SecretApplier.Outcome outcome = appliers.secrets().createOnce(namespace, name, () -> {
            // A running cluster whose Secret is gone gets its own key back from the vault, never a new one: a new key
            // would lock out every client. Without a stored copy (a cluster older than the vault) it is reported.
            if (hasNodes(cluster) && masterKey.stored().isEmpty()) {
                throw new MasterKeyMissingException(namespace, name);
            }
            return cluster.masterKeySecretHolding(masterKey.obtain());
        });
        Optional<String> key = MasterKeySecrets.masterKey(outcome.secret(), cluster.masterKeyEntry());
        if (key.isEmpty()) {
            throw new InfrastructureException(
                    "Secret %s/%s exists but holds no '%s' entry. Nebula never replaces a master key; delete the Secret to have a new one generated."
                            .formatted(namespace, name, cluster.masterKeyEntry()),
                    false);
        }
        // A Secret just created holds the vault's own key: there is nothing to adopt.
        if (outcome.change() != ResourceChange.CREATED) {
            masterKey.adopt(key.get());
        }
        record(outcome.secret(), outcome.change());
    }

    /**
     * Creates each generated Secret that does not exist yet, in order, so that one may derive from another (a node
     * certificate from its CA); an existing one is kept as it is, never regenerated.
     */
    private void generatedSecrets(DesiredCluster cluster) {
        String namespace = cluster.namespaceName();
        Map<String, Secret> inPlace = new LinkedHashMap<>();
        for (GeneratedSecret wanted : cluster.generatedSecrets()) {
            SecretApplier.Outcome outcome;
            try {
                outcome = appliers.secrets().createOnce(namespace, wanted.name(), () -> wanted.generate(inPlace));
            } catch (SecretGenerationException e) {
                throw new InfrastructureException(
                        "Secret %s/%s cannot be generated: %s.".formatted(namespace, wanted.name(), e.getMessage()),
                        false,
                        e);
            }
            List<String> missing = wanted.missingEntries(outcome.secret());
            if (!missing.isEmpty()) {
                throw new InfrastructureException(
                        "Secret %s/%s exists but holds no %s entry. Nebula never regenerates it; delete the Secret to have it generated again."
                                .formatted(namespace, wanted.name(), missing),
                        false);
            }
            inPlace.put(wanted.name(), outcome.secret());
            record(outcome.secret(), outcome.change());
        }
    }

    private void configMaps(DesiredCluster cluster) {
        apply(appliers.configMaps(), cluster.configMaps());
    }

    private void services(DesiredCluster cluster) {
        apply(appliers.services(), cluster.services());
    }

    private void podDisruptionBudgets(DesiredCluster cluster) {
        apply(appliers.podDisruptionBudgets(), cluster.podDisruptionBudgets());
    }

    private void networkPolicies(DesiredCluster cluster) {
        apply(appliers.networkPolicies(), cluster.networkPolicies());
    }

    /**
     * Grows the existing volume claims of every StatefulSet whose claim template asks for more storage; new pods get
     * the new size from the template. Whether the storage class allows it was checked before the change was accepted
     * ({@link ChangeChecks}).
     */
    private void volumes(DesiredCluster cluster) {
        for (StatefulSet statefulSet : cluster.statefulSets()) {
            String namespace = cluster.namespaceName();
            StatefulSetApplier.claimSizes(statefulSet)
                    .forEach((template, size) ->
                            appliers
                                    .volumes()
                                    .claims(
                                            namespace,
                                            template,
                                            statefulSet.getMetadata().getName())
                                    .stream()
                                    .filter(claim -> Volumes.requested(claim)
                                                    .getNumericalAmount()
                                                    .compareTo(size.getNumericalAmount())
                                            < 0)
                                    .forEach(claim -> {
                                        appliers.volumes().grow(claim, size);
                                        record(claim, ResourceChange.UPDATED);
                                    }));
        }
    }

    private boolean hasNodes(DesiredCluster cluster) {
        return cluster.statefulSets().stream()
                .anyMatch(statefulSet -> appliers.statefulSets().current(statefulSet) != null);
    }

    private void statefulSets(DesiredCluster cluster) {
        apply(appliers.statefulSets(), cluster.statefulSets());
    }

    private <T extends HasMetadata> void apply(ResourceApplier<T> applier, List<T> desired) {
        desired.forEach(object -> record(object, applier.apply(object)));
    }

    private void record(HasMetadata object, ResourceChange change) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        applied.add(new AppliedResource(object.getKind(), namespace == null ? name : namespace + "/" + name, change));
    }
}
