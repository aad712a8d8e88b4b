package io.dbaas.nebula.kubernetes.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;

/** The per-kind appliers for one Kubernetes API; the only way the reconcile layer touches the cluster. */
public final class Appliers {

    private final ResourceApplier<Namespace> namespaces;
    private final SecretApplier secrets;
    private final ResourceApplier<ConfigMap> configMaps;
    private final ResourceApplier<Service> services;
    private final ResourceApplier<PodDisruptionBudget> podDisruptionBudgets;
    private final ResourceApplier<NetworkPolicy> networkPolicies;
    private final StatefulSetApplier statefulSets;
    private final ResourceApplier<Deployment> deployments;
    private final ResourceApplier<PodMonitor> podMonitors;
    private final Volumes volumes;
    private final Removals removals;
    private final Namespaces namespaceMarks;

    /** Appliers for a command: a change the command asks for rolls the cluster's pods at once. */
    public Appliers(KubernetesClient client) {
        this(client, RenderingRollouts.always());
    }

    /**
     * @param rollouts when a pod template that only Nebula's rendering changed may roll a cluster's pods
     */
    public Appliers(KubernetesClient client, RenderingRollouts rollouts) {
        this.namespaces = new ResourceApplier<>(client);
        this.secrets = new SecretApplier(client);
        this.configMaps = new ResourceApplier<>(client);
        this.services = new ResourceApplier<>(client);
        this.podDisruptionBudgets = new ResourceApplier<>(client);
        this.networkPolicies = new ResourceApplier<>(client);
        this.statefulSets = new StatefulSetApplier(client, rollouts);
        this.deployments = new ResourceApplier<>(client);
        this.podMonitors = new ResourceApplier<>(client);
        this.volumes = new Volumes(client);
        this.removals = new Removals(client);
        this.namespaceMarks = new Namespaces(client);
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

    public StatefulSetApplier statefulSets() {
        return statefulSets;
    }

    public ResourceApplier<Deployment> deployments() {
        return deployments;
    }

    /** PodMonitors: only ever used in a region whose configuration says it runs the Prometheus operator. */
    public ResourceApplier<PodMonitor> podMonitors() {
        return podMonitors;
    }

    public Volumes volumes() {
        return volumes;
    }

    public Removals removals() {
        return removals;
    }

    /** Reading and marking namespaces, beside {@link #namespaces()}' create-or-update. */
    public Namespaces namespaceMarks() {
        return namespaceMarks;
    }
}
