package io.dbaas.nebula.backup;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Whether a backup command may touch a cluster: its namespace exists and carries the command's account (so one
 * account's command never reaches another's cluster), it is not being deleted, and it runs (it was announced ready
 * once and has a ready node now).
 */
final class ClusterChecks {

    /**
     * @param nodes the cluster's nodes, when it may be touched
     * @param refusal why it may not, a sentence for a human; null when it may
     */
    record Verdict(int nodes, @Nullable String refusal) {

        static Verdict refused(String reason) {
            return new Verdict(0, reason);
        }
    }

    private ClusterChecks() {}

    static Verdict running(KubernetesClient client, UUID clusterId, UUID accountId, Engine engine) {
        String namespace = ResourceNames.namespace(clusterId);
        Namespace found = client.namespaces().withName(namespace).get();
        Map<String, String> annotations =
                found == null ? null : found.getMetadata().getAnnotations();
        if (annotations == null || !accountId.toString().equals(annotations.get(Annotations.ACCOUNT_ID))) {
            return Verdict.refused("Cluster " + clusterId + " was not found for this account in its region.");
        }
        if (annotations.containsKey(Annotations.DELETING)) {
            return Verdict.refused("The cluster is not running: it is being deleted.");
        }
        StatefulSet nodes = client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(statefulSet(engine))
                .get();
        if (nodes == null
                || nodes.getMetadata().getAnnotations() == null
                || !nodes.getMetadata().getAnnotations().containsKey(Annotations.ANNOUNCED_COMMAND)) {
            return Verdict.refused("The cluster is not running: it has not been provisioned yet.");
        }
        int ready = nodes.getStatus() == null || nodes.getStatus().getReadyReplicas() == null
                ? 0
                : nodes.getStatus().getReadyReplicas();
        if (ready == 0) {
            return Verdict.refused("The cluster is not running: none of its nodes is ready.");
        }
        Integer replicas = nodes.getSpec() == null ? null : nodes.getSpec().getReplicas();
        return new Verdict(replicas == null ? 1 : replicas, null);
    }

    private static String statefulSet(Engine engine) {
        return engine == Engine.ELASTICSEARCH ? ElasticsearchNames.STATEFUL_SET : ResourceNames.QDRANT_STATEFUL_SET;
    }
}
