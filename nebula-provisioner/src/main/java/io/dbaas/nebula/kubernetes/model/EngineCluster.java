package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.List;

/**
 * The objects every engine's model generates, whatever the engine: one namespace, one ConfigMap, a headless and a
 * client Service (an engine may add more), one PodDisruptionBudget, one NetworkPolicy and one StatefulSet. What
 * differs (the master-key Secret, further generated Secrets) the engine's blueprint passes to
 * {@link DesiredCluster#of}.
 */
public interface EngineCluster {

    Namespace generateNamespace();

    ConfigMap generateConfigMap();

    Service generateHeadlessService();

    Service generateClientService();

    /** Every Service of the cluster, in the order they are applied; an engine that needs more adds them here. */
    default List<Service> generateServices() {
        return List.of(generateHeadlessService(), generateClientService());
    }

    PodDisruptionBudget generatePodDisruptionBudget();

    NetworkPolicy generateNetworkPolicy();

    /** Every NetworkPolicy of the cluster; an engine with pods beside its nodes (a metrics exporter) adds theirs. */
    default List<NetworkPolicy> generateNetworkPolicies() {
        return List.of(generateNetworkPolicy());
    }

    /** Deployments beside the nodes (a metrics exporter); none by default. */
    default List<Deployment> generateDeployments() {
        return List.of();
    }

    /**
     * The scrape objects of the platform's Prometheus operator; none unless the cluster is scraped and its region
     * says it runs the operator (an API server without the CRD would refuse them).
     */
    default List<PodMonitor> generatePodMonitors() {
        return List.of();
    }

    StatefulSet generateStatefulSet();

    /** Secrets copied into the cluster's namespace from elsewhere in the region (backup-storage credentials). */
    default List<CopiedSecret> generateCopiedSecrets() {
        return List.of();
    }
}
