package io.dbaas.nebula.kubernetes.reconcile;

import io.dbaas.nebula.infrastructure.ChangeRefusedException;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.apply.ImmutableFieldChangeException;
import io.dbaas.nebula.kubernetes.apply.ResourceApplier;
import io.dbaas.nebula.kubernetes.apply.SecretApplier;
import io.dbaas.nebula.kubernetes.apply.StatefulSetApplier;
import io.dbaas.nebula.kubernetes.apply.Volumes;
import io.dbaas.nebula.kubernetes.model.BootstrapConfigMap;
import io.dbaas.nebula.kubernetes.model.CopiedSecret;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret.SecretInputs;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.PodTemplateSecrets;
import io.dbaas.nebula.kubernetes.model.SecretGenerationException;
import io.dbaas.nebula.security.MasterKeyVault;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings any engine's cluster to its rendered state, in an order where every object exists before anything refers to
 * it: namespace → master-key secret → generated secrets (TLS material, password hashes) → copied secrets (backup-storage
 * credentials) → config maps → bootstrap
 * config map → services → disruption budgets → network policies → volumes → stateful sets → deployments (a metrics exporter) → pod monitors → copies of region
 * Secrets no longer needed. Readiness is not awaited
 * here: the status watch reports it. A StatefulSet change no API server would take (another selector or storage class)
 * is refused first, with nothing touched.
 *
 * <p>Run for a command and again for every out-of-band change the watches see and every resync, so every step
 * converges whatever it finds, with two exceptions. A master key is generated only for a cluster that has no nodes yet:
 * a running cluster whose master-key Secret disappeared keeps running on the key its pods loaded, and a new key would
 * lock out every API key derived from the old one. And a bootstrap ConfigMap is filled only for a cluster that has no
 * nodes yet, then emptied for good once one of its nodes has been ready.
 */
public class ClusterReconciler {

    private static final Logger log = LoggerFactory.getLogger(ClusterReconciler.class);

    private final Appliers appliers;
    private final MasterKeyVault.ClusterKey masterKey;
    private final List<AppliedResource> applied = new ArrayList<>();
    /** The cluster's Secrets as they now exist, by name, as generating one may read them. */
    private final Map<String, Secret> secretsInPlace = new LinkedHashMap<>();

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
        refuseWhatNoUpdateCanDo(cluster);
        namespace(cluster);
        masterKeySecret(cluster);
        generatedSecrets(cluster);
        copiedSecrets(cluster);
        configMaps(cluster);
        bootstrap(cluster);
        services(cluster);
        podDisruptionBudgets(cluster);
        networkPolicies(cluster);
        volumes(cluster);
        statefulSets(cluster);
        deployments(cluster);
        podMonitors(cluster);
        staleCopiedSecrets(cluster);
        return new ProvisioningReport(
                applied, CertificateExpiry.earliest(secretsInPlace.values()).orElse(null));
    }

    /**
     * A StatefulSet whose selector or volumes' storage class the rendering changes cannot be updated, nor recreated
     * with its pods adopted: refused here, before any object of the cluster is touched.
     */
    private void refuseWhatNoUpdateCanDo(DesiredCluster cluster) {
        for (StatefulSet statefulSet : cluster.statefulSets()) {
            Optional<String> refusal = appliers.statefulSets().refusal(statefulSet);
            if (refusal.isPresent()) {
                throw new ChangeRefusedException(refusal.get());
            }
        }
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
        secretsInPlace.put(name, outcome.secret());
        record(outcome.secret(), outcome.change());
    }

    /**
     * Creates each generated Secret that does not exist yet, in order, so that one may derive from another (a node
     * certificate from its CA, password hashes from the master key); an existing one is kept as it is unless its
     * renewal rule asks for new content (a certificate close to expiry, or one missing a load balancer's address).
     */
    private void generatedSecrets(DesiredCluster cluster) {
        if (cluster.generatedSecrets().isEmpty()) {
            return;
        }
        String namespace = cluster.namespaceName();
        List<String> clientAddresses = clientAddresses(cluster);
        for (GeneratedSecret wanted : cluster.generatedSecrets()) {
            SecretApplier.Outcome outcome =
                    generatedSecret(namespace, wanted, new SecretInputs(secretsInPlace, clientAddresses));
            requireEntries(namespace, wanted, outcome.secret());
            secretsInPlace.put(wanted.name(), outcome.secret());
            record(outcome.secret(), outcome.change());
        }
    }

    /** The generated Secret as it is now: created if missing, generated again if its renewal rule says so. */
    private SecretApplier.Outcome generatedSecret(String namespace, GeneratedSecret wanted, SecretInputs seen) {
        try {
            SecretApplier.Outcome outcome =
                    appliers.secrets().createOnce(namespace, wanted.name(), () -> wanted.generate(seen));
            if (outcome.change() == ResourceChange.CREATED
                    || !wanted.missingEntries(outcome.secret()).isEmpty()) {
                return outcome;
            }
            Optional<String> renewal = wanted.renewal().due(outcome.secret(), seen);
            if (renewal.isEmpty()) {
                return outcome;
            }
            log.info("Secret {}/{} is generated again: {}", namespace, wanted.name(), renewal.get());
            return new SecretApplier.Outcome(
                    ResourceChange.UPDATED, appliers.secrets().replace(outcome.secret(), wanted.generate(seen)));
        } catch (SecretGenerationException e) {
            throw new InfrastructureException(
                    "Secret %s/%s cannot be generated: %s.".formatted(namespace, wanted.name(), e.getMessage()),
                    false,
                    e);
        }
    }

    /** A generated Secret lacking an entry was changed by hand: Nebula never fills it in behind the owner's back. */
    private static void requireEntries(String namespace, GeneratedSecret wanted, Secret secret) {
        List<String> missing = wanted.missingEntries(secret);
        if (!missing.isEmpty()) {
            throw new InfrastructureException(
                    "Secret %s/%s exists but holds no %s entry. Nebula never regenerates it; delete the Secret to have it generated again."
                            .formatted(namespace, wanted.name(), missing),
                    false);
        }
    }

    /**
     * Copies each Secret the cluster's pods read from elsewhere in the region (the backup storage's credentials) into
     * its namespace, again whenever the source changed. A source that is missing, or lacks an entry, stops the
     * reconcile before any pod refers to the copy; it is retried, since the region's operator fixes it without a new
     * command. The message names the Secret and its entries, never a value.
     */
    private void copiedSecrets(DesiredCluster cluster) {
        for (CopiedSecret wanted : cluster.copiedSecrets()) {
            SecretApplier.Outcome outcome = appliers.secrets().mirror(wanted.copyOf(sourceOf(wanted)));
            if (outcome.change() == ResourceChange.UPDATED) {
                log.info(
                        "Secret {}/{} follows {}/{} again",
                        cluster.namespaceName(),
                        wanted.name(),
                        wanted.sourceNamespace(),
                        wanted.sourceName());
            }
            record(outcome.secret(), outcome.change());
        }
    }

    /** The Secret a copy is made from, as the region's operator created it, with every entry the pods read. */
    private Secret sourceOf(CopiedSecret wanted) {
        String source = wanted.sourceNamespace() + "/" + wanted.sourceName();
        Secret found = appliers.secrets().find(wanted.sourceNamespace(), wanted.sourceName());
        if (found == null) {
            throw new InfrastructureException(
                    ("Secret %s, named by the region's backup-storage, does not exist in the region's Kubernetes"
                                    + " cluster; create it with the entries %s.")
                            .formatted(source, String.join(", ", wanted.entries())),
                    true);
        }
        Optional<String> lacking = wanted.lacking(found);
        if (lacking.isPresent()) {
            throw new InfrastructureException(
                    "Secret %s, named by the region's backup-storage, cannot be used: %s."
                            .formatted(source, lacking.get()),
                    true);
        }
        return found;
    }

    /** Where clients reach the cluster besides its Service names: the load balancers its Services report, if any. */
    private List<String> clientAddresses(DesiredCluster cluster) {
        return cluster.services().stream()
                .map(service -> appliers.services().current(service))
                .filter(Objects::nonNull)
                .flatMap(service -> service.getStatus() == null
                                || service.getStatus().getLoadBalancer() == null
                                || service.getStatus().getLoadBalancer().getIngress() == null
                        ? Stream.<LoadBalancerIngress>empty()
                        : service.getStatus().getLoadBalancer().getIngress().stream())
                .flatMap(ingress -> Stream.of(ingress.getIp(), ingress.getHostname()))
                .filter(address -> address != null && !address.isBlank())
                .distinct()
                .toList();
    }

    private void configMaps(DesiredCluster cluster) {
        apply(appliers.configMaps(), cluster.configMaps());
    }

    /**
     * Fills the bootstrap ConfigMap only for a cluster that has no nodes yet, and empties it once one of them has been
     * ready: from then on the cluster exists, and a node that reads the list could found a second one.
     */
    private void bootstrap(DesiredCluster cluster) {
        BootstrapConfigMap bootstrap = cluster.bootstrap();
        if (bootstrap == null) {
            return;
        }
        ConfigMap live = appliers.configMaps().current(bootstrap.initial());
        List<StatefulSet> nodes = cluster.statefulSets().stream()
                .map(statefulSet -> appliers.statefulSets().current(statefulSet))
                .filter(Objects::nonNull)
                .toList();
        boolean formed = nodes.stream()
                .anyMatch(statefulSet -> statefulSet.getStatus() != null
                        && statefulSet.getStatus().getReadyReplicas() != null
                        && statefulSet.getStatus().getReadyReplicas() > 0);
        if (live == null) {
            ConfigMap wanted = nodes.isEmpty() ? bootstrap.initial() : bootstrap.formed();
            record(wanted, appliers.configMaps().apply(wanted));
        } else if (formed && bootstrap.stillFounding(live)) {
            record(live, appliers.configMaps().apply(bootstrap.formed()));
        }
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
        try {
            apply(appliers.statefulSets(), cluster.statefulSets());
        } catch (ImmutableFieldChangeException e) {
            // Only when the StatefulSet changed between the first check and now: still nothing was sent for it.
            throw new ChangeRefusedException(e.getMessage());
        }
    }

    private void deployments(DesiredCluster cluster) {
        apply(appliers.deployments(), cluster.deployments());
    }

    /** Last: a scrape object refers to pods and Secrets that must exist (and is rendered only where the CRD is). */
    private void podMonitors(DesiredCluster cluster) {
        apply(appliers.podMonitors(), cluster.podMonitors());
    }

    /**
     * Deletes copies of the region's Secrets the rendering no longer has (the region dropped its backup storage), so
     * that no credential stays where nothing needs it; but only once no node's pod template refers to the copy any
     * more, since a pod started from an older template (the rollout of the new one may be waiting its turn) would not
     * start without it. Until then the copy stays, and a later reconcile deletes it.
     */
    private void staleCopiedSecrets(DesiredCluster cluster) {
        Set<String> wanted =
                cluster.copiedSecrets().stream().map(CopiedSecret::name).collect(Collectors.toSet());
        Set<String> referenced = cluster.statefulSets().stream()
                .map(statefulSet -> appliers.statefulSets().current(statefulSet))
                .filter(Objects::nonNull)
                .flatMap(live -> PodTemplateSecrets.referencedBy(
                        live.getSpec().getTemplate().getSpec())
                        .stream())
                .collect(Collectors.toSet());
        for (Secret copy : appliers.secrets().annotated(cluster.namespaceName(), CopiedSecret.COPIED_FROM)) {
            String name = copy.getMetadata().getName();
            if (!wanted.contains(name) && !referenced.contains(name)) {
                appliers.secrets().delete(copy);
                log.info("Secret {}/{} deleted: the region no longer names its source", cluster.namespaceName(), name);
            }
        }
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
