package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.render.RenderCommand;
import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The guide "Elasticsearch without the control plane", step by step, on real nodes and without Nebula: manifests
 * rendered {@code --with-secrets} and applied as they are, each new pod annotated with its node's zone, the bootstrap
 * list emptied once the cluster formed, and a node restarted.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ElasticsearchWithoutNebulaIT {

    KubernetesClient client;

    @Test
    void aClusterRenderedWithSecretsFormsAndKeepsRunningWithTheGuidesStepsAlone() {
        assumeTrue(StatefulSetStandIn.supported(), "Real Elasticsearch nodes need root (mounts, a non-root node user)");
        String version = RealElasticsearchTest.version();
        assumeTrue(ElasticsearchDistributions.available(version), "the build provides Elasticsearch " + version);
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);

        // kubectl create -f search.secret.yaml
        client.load(new ByteArrayInputStream(renderWithSecrets(clusterId, version)))
                .create();

        try (var pods = StatefulSetStandIn.start(
                client,
                namespace,
                ElasticsearchNames.STATEFUL_SET,
                Path.of("target", "elasticsearch-pods", clusterId.toString()).toAbsolutePath(),
                RealElasticsearchTest.ZONES,
                null)) {
            pods.await(
                    "three scheduled pods",
                    RealElasticsearchTest.TIMEOUT,
                    () -> scheduledPods(namespace).size() == 3);
            annotateWithTheirZones(scheduledPods(namespace));
            pods.awaitAllReady(RealElasticsearchTest.TIMEOUT);

            // The password as the guide reads it: from the rendered Secret, with the rendered CA.
            RealNodes nodes = new RealNodes(client, clusterId);
            JsonNode health = nodes.get(0, "_cluster/health");
            assertThat(health.get("number_of_nodes").asInt()).isEqualTo(3);
            assertThat(health.get("status").asString()).isEqualTo("green");
            String clusterUuid = nodes.clusterUuid(0);

            client.configMaps()
                    .inNamespace(namespace)
                    .withName(ElasticsearchNames.BOOTSTRAP_CONFIG_MAP)
                    .edit(configMap -> {
                        configMap.setData(Map.of("initial-master-nodes", ""));
                        return configMap;
                    });

            // kubectl delete pod: the new pod is not annotated, and takes its zone from its volume.
            pods.deletePod(1);
            pods.await("pod 1 to be created again", RealElasticsearchTest.TIMEOUT, () -> pods.exists(1));
            pods.awaitAllReady(RealElasticsearchTest.TIMEOUT);
            assertThat(nodes.clusterUuid(1)).isEqualTo(clusterUuid);
            assertThat(nodes.get(1, "_cluster/health").get("number_of_nodes").asInt())
                    .isEqualTo(3);
        }
    }

    private static byte[] renderWithSecrets(UUID clusterId, String version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RenderCommand.run(
                new String[] {
                    "--engine=elasticsearch",
                    "--version=" + version,
                    "--nodes=3",
                    "--cpu=1",
                    "--memory=1Gi",
                    "--disk=1Gi",
                    "--provider=minikube",
                    "--region=local",
                    "--cluster-id=" + clusterId,
                    "--nebula.providers.minikube.regions.local.storage-class=",
                    // The stand-in's Service endpoints drop a stopping pod within 250 ms.
                    "--nebula.providers.minikube.regions.local.pre-stop-pause=5s",
                    "--with-secrets"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toByteArray();
    }

    private List<Pod> scheduledPods(String namespace) {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(pod -> pod.getSpec().getNodeName() != null)
                .toList();
    }

    /** The guide's loop: {@code kubectl annotate pod} with the zone label of the pod's node. */
    private void annotateWithTheirZones(List<Pod> pods) {
        for (Pod pod : pods) {
            String zone = client.nodes()
                    .withName(pod.getSpec().getNodeName())
                    .get()
                    .getMetadata()
                    .getLabels()
                    .getOrDefault("topology.kubernetes.io/zone", "none");
            client.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .edit(current -> {
                        current.getMetadata().getAnnotations().put("topology.kubernetes.io/zone", zone);
                        return current;
                    });
        }
    }
}
