package io.dbaas.nebula.kubernetes.apply;

import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Deletes what is in a cluster's namespace, kind by kind, and the namespace itself. Every kind is deleted explicitly,
 * although deleting the namespace would take everything with it on a real API server: so that the order is Nebula's
 * (workloads before the Secrets they mount, claims after their volumes' reclaim policy is set) and so that the CRUD
 * mock the tests run against, which has no garbage collector, ends in the same state.
 */
public class Removals {

    private final KubernetesClient client;

    Removals(KubernetesClient client) {
        this.client = client;
    }

    /** The StatefulSets, the Deployments beside them (a metrics exporter) and their pods. */
    public List<String> workloads(String namespace) {
        List<String> removed = new ArrayList<>();
        removed.addAll(deleteAll("StatefulSet", namespace, client.apps().statefulSets()));
        removed.addAll(deleteAll("Deployment", namespace, client.apps().deployments()));
        removed.addAll(deleteAll("Pod", namespace, client.pods()));
        return removed;
    }

    /** Everything else Nebula creates in a cluster's namespace, the volume claims last. */
    public List<String> everythingElse(String namespace) {
        List<String> removed = new ArrayList<>();
        removed.addAll(deleteAll("Service", namespace, client.services()));
        removed.addAll(
                deleteAll("PodDisruptionBudget", namespace, client.policy().v1().podDisruptionBudget()));
        removed.addAll(
                deleteAll("NetworkPolicy", namespace, client.network().v1().networkPolicies()));
        removed.addAll(deleteAll("ConfigMap", namespace, client.configMaps()));
        removed.addAll(deleteAll("Secret", namespace, client.secrets()));
        removed.addAll(deleteAll("PersistentVolumeClaim", namespace, client.persistentVolumeClaims()));
        return removed;
    }

    /**
     * The PodMonitors, first of all, so that Prometheus stops scraping before the pods go. Called only in a region
     * whose configuration says it runs the Prometheus operator: elsewhere the API server has no such kind to list.
     */
    public List<String> podMonitors(String namespace) {
        return deleteAll("PodMonitor", namespace, client.resources(PodMonitor.class, PodMonitorList.class));
    }

    /** Deletes the namespace and waits, on a watch, until the API server has removed it. */
    public void namespace(String namespace, Duration timeout) {
        HasMetadata probe = new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .endMetadata()
                .build();
        ResourceApplier.call(Operation.DELETE, probe, () -> client.namespaces()
                .withName(namespace)
                .delete());
        ResourceApplier.call(Operation.DELETE, probe, () -> client.namespaces()
                .withName(namespace)
                .waitUntilCondition(Objects::isNull, timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static <T extends HasMetadata, L extends KubernetesResourceList<T>> List<String> deleteAll(
            String kind, String namespace, MixedOperation<T, L, ? extends Resource<T>> operation) {
        HasMetadata probe = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withKind(kind)
                .withNewMetadata()
                .withNamespace(namespace)
                .withName("*")
                .endMetadata()
                .build();
        List<T> items = ResourceApplier.call(
                Operation.READ,
                probe,
                () -> operation.inNamespace(namespace).list().getItems());
        List<String> removed = new ArrayList<>();
        for (T item : items == null ? List.<T>of() : items) {
            ResourceApplier.call(Operation.DELETE, item, () -> operation
                    .inNamespace(namespace)
                    .withName(item.getMetadata().getName())
                    .delete());
            removed.add(kind + " " + namespace + "/" + item.getMetadata().getName());
        }
        return removed;
    }
}
