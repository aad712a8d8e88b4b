package io.dbaas.nebula.kubernetes.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The per-kind appliers for one Kubernetes API; the only way the reconcile layer touches the cluster. */
public final class Appliers {

    private final ResourceApplier<Namespace> namespaces;
    private final SecretApplier secrets;
    private final ResourceApplier<ConfigMap> configMaps;
    private final ResourceApplier<Service> services;
    private final ResourceApplier<PodDisruptionBudget> podDisruptionBudgets;
    private final ResourceApplier<NetworkPolicy> networkPolicies;
    private final ResourceApplier<StatefulSet> statefulSets;

    public Appliers(KubernetesClient client) {
        this.namespaces = new ResourceApplier<>(client);
        this.secrets = new SecretApplier(client);
        this.configMaps = new ResourceApplier<>(client);
        this.services = new ResourceApplier<>(client);
        this.podDisruptionBudgets = new ResourceApplier<>(client);
        this.networkPolicies = new ResourceApplier<>(client);
        this.statefulSets = new ResourceApplier<>(client);
    }

    public ResourceApplier<Namespace> namespaces() {
        return namespaces;
    }

    public SecretApplier secrets() {
        return secrets;
    }

    public ResourceApplier<ConfigMap> configMaps() {
        return configMaps;
    }

    public ResourceApplier<Service> services() {
        return services;
    }

    public ResourceApplier<PodDisruptionBudget> podDisruptionBudgets() {
        return podDisruptionBudgets;
    }

    public ResourceApplier<NetworkPolicy> networkPolicies() {
        return networkPolicies;
    }

    public ResourceApplier<StatefulSet> statefulSets() {
        return statefulSets;
    }
}
