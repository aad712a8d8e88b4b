package io.dbaas.nebula.kubernetes.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The zone of a pod's node, copied onto the pod, against fabric8's CRUD mock API server. */
@EnableKubernetesMockClient(crud = true)
class NodeZoneAnnotatorTest {

    KubernetesClient client;

    @Test
    void aScheduledPodGetsTheZoneOfItsNode() {
        client.resource(node("worker-a", Map.of(NodeZones.ZONE, "eu-west-1a"))).create();
        Pod pod = client.resource(pod("elasticsearch-0", "worker-a", Map.of())).create();

        NodeZoneAnnotator.annotate(client, pod);

        assertThat(annotations("elasticsearch-0")).containsEntry(NodeZones.ZONE, "eu-west-1a");
    }

    @Test
    void aNodeWithoutZoneLabelCountsAsZoneNone() {
        client.resource(node("minikube", Map.of())).create();
        Pod pod = client.resource(pod("elasticsearch-1", "minikube", Map.of())).create();

        NodeZoneAnnotator.annotate(client, pod);

        assertThat(annotations("elasticsearch-1")).containsEntry(NodeZones.ZONE, NodeZones.NO_ZONE);
    }

    @Test
    void anUnscheduledPodIsLeftAlone() {
        Pod pod = client.resource(pod("elasticsearch-2", null, Map.of())).create();

        NodeZoneAnnotator.annotate(client, pod);

        assertThat(annotations("elasticsearch-2")).doesNotContainKey(NodeZones.ZONE);
    }

    @Test
    void anExistingZoneAnnotationIsNeverChanged() {
        client.resource(node("worker-b", Map.of(NodeZones.ZONE, "eu-west-1b"))).create();
        Pod pod = client.resource(pod("elasticsearch-3", "worker-b", Map.of(NodeZones.ZONE, "eu-west-1c")))
                .create();

        NodeZoneAnnotator.annotate(client, pod);

        assertThat(annotations("elasticsearch-3")).containsEntry(NodeZones.ZONE, "eu-west-1c");
    }

    private Map<String, String> annotations(String pod) {
        Map<String, String> annotations = client.pods()
                .inNamespace("dbaas-test")
                .withName(pod)
                .get()
                .getMetadata()
                .getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build();
    }

    private static Pod pod(String name, @Nullable String nodeName, Map<String, String> annotations) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace("dbaas-test")
                .withName(name)
                .withAnnotations(annotations)
                .addToLabels("app.kubernetes.io/managed-by", "nebula")
                .endMetadata()
                .withNewSpec()
                .withNodeName(nodeName)
                .addNewContainer()
                .withName("elasticsearch")
                .withImage("docker.elastic.co/elasticsearch/elasticsearch:8.15.3")
                .endContainer()
                .endSpec()
                .build();
    }
}
