package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every object one database cluster consists of, grouped by kind so that the reconciler can apply them in an order
 * where nothing refers to an object that does not exist yet. Engine-independent: each engine's blueprint fills it.
 *
 * <p>The master-key Secret is kept without its key: the key is generated once, by the reconciler, only when the
 * Secret does not exist yet, and a rendering for review must never contain a real one.
 *
 * @param namespace the cluster's own namespace
 * @param masterKeySecret the Secret that will hold the master key, without data
 * @param masterKeyEntry the data entry of {@code masterKeySecret} that holds the key
 * @param generatedSecrets further Secrets Nebula generates, in the order they are created (a later one may derive from
 *     an earlier one, as a node certificate from its CA); empty for engines that need none
 * @param copiedSecrets Secrets copied from elsewhere in the region (backup-storage credentials), applied after the
 *     generated ones; empty where there are none
 * @param bootstrap what only the cluster's founding nodes may read; null for engines that need nothing of the kind
 * @param deployments workloads beside the nodes (a metrics exporter), applied after the nodes
 * @param podMonitors the scrape objects of the region's Prometheus operator, applied last; empty where the region has
 *     no operator or the cluster is not scraped
 */
public record DesiredCluster(
        Namespace namespace,
        Secret masterKeySecret,
        String masterKeyEntry,
        List<GeneratedSecret> generatedSecrets,
        List<CopiedSecret> copiedSecrets,
        List<ConfigMap> configMaps,
        @Nullable BootstrapConfigMap bootstrap,
        List<Service> services,
        List<PodDisruptionBudget> podDisruptionBudgets,
        List<NetworkPolicy> networkPolicies,
        List<StatefulSet> statefulSets,
        List<Deployment> deployments,
        List<PodMonitor> podMonitors) {

    public DesiredCluster {
        deployments = List.copyOf(deployments);
        podMonitors = List.copyOf(podMonitors);
        generatedSecrets = List.copyOf(generatedSecrets);
        copiedSecrets = List.copyOf(copiedSecrets);
        configMaps = List.copyOf(configMaps);
        services = List.copyOf(services);
        podDisruptionBudgets = List.copyOf(podDisruptionBudgets);
        networkPolicies = List.copyOf(networkPolicies);
        statefulSets = List.copyOf(statefulSets);
    }

    /** The objects of {@code cluster}, with the Secrets only its engine knows. */
    public static DesiredCluster of(
            EngineCluster cluster,
            Secret masterKeySecret,
            String masterKeyEntry,
            List<GeneratedSecret> generatedSecrets) {
        return of(cluster, masterKeySecret, masterKeyEntry, generatedSecrets, null);
    }

    /** The objects of {@code cluster}, with the Secrets and the bootstrap ConfigMap only its engine knows. */
    public static DesiredCluster of(
            EngineCluster cluster,
            Secret masterKeySecret,
            String masterKeyEntry,
            List<GeneratedSecret> generatedSecrets,
            @Nullable BootstrapConfigMap bootstrap) {
        return new DesiredCluster(
                cluster.generateNamespace(),
                masterKeySecret,
                masterKeyEntry,
                generatedSecrets,
                cluster.generateCopiedSecrets(),
                List.of(cluster.generateConfigMap()),
                bootstrap,
                cluster.generateServices(),
                List.of(cluster.generatePodDisruptionBudget()),
                cluster.generateNetworkPolicies(),
                List.of(cluster.generateStatefulSet()),
                cluster.generateDeployments(),
                cluster.generatePodMonitors());
    }

    public String namespaceName() {
        return namespace.getMetadata().getName();
    }

    /** The master-key Secret holding {@code masterKey}, as data (the API server returns the form it was given). */
    public Secret masterKeySecretHolding(String masterKey) {
        return new SecretBuilder(masterKeySecret)
                .withData(Map.of(masterKeyEntry, SecretEntries.encode(masterKey)))
                .build();
    }

    /**
     * The master-key Secret with a visible placeholder instead of a key, as {@code stringData} so that a reader sees
     * at once that no credential is in it.
     */
    public Secret masterKeySecretWithPlaceholder(String placeholder) {
        Map<String, String> stringData = new LinkedHashMap<>();
        stringData.put(masterKeyEntry, placeholder);
        return new SecretBuilder(masterKeySecret).withStringData(stringData).build();
    }

    /**
     * Every object in the order the reconciler applies them, with the given master-key Secret in second place and the
     * generated Secrets without content.
     */
    public List<HasMetadata> inApplyOrder(Secret masterKeySecretToShow) {
        return inApplyOrder(masterKeySecretToShow, GeneratedSecret::secret);
    }

    /** Every object in the order the reconciler applies them, with the Secrets shown as given. */
    public List<HasMetadata> inApplyOrder(
            Secret masterKeySecretToShow, Function<GeneratedSecret, Secret> generatedSecretToShow) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(namespace);
        objects.add(masterKeySecretToShow);
        generatedSecrets.forEach(secret -> objects.add(generatedSecretToShow.apply(secret)));
        // Without data: a copy's content is the region's credentials, never shown.
        copiedSecrets.forEach(secret -> objects.add(secret.secret()));
        objects.addAll(configMaps);
        if (bootstrap != null) {
            objects.add(bootstrap.initial());
        }
        objects.addAll(services);
        objects.addAll(podDisruptionBudgets);
        objects.addAll(networkPolicies);
        objects.addAll(statefulSets);
        objects.addAll(deployments);
        objects.addAll(podMonitors);
        return objects;
    }
}
