package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What happens to a real cluster after it formed: a node that fails comes back into the same cluster on its own data,
 * ready once the cluster has recovered, and nodes added by scaling out join it even while its only master is restarting.
 */
class ElasticsearchNodeLifecycleIT extends RealElasticsearchTest {

    @Test
    void aKilledNodeRejoinsTheSameClusterOnItsOwnDataAndIsReadyOnlyOnceTheClusterRecovered() {
        UUID clusterId = provision(3);
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            formed(clusterId, pods);
            RealNodes nodes = new RealNodes(client, clusterId);
            String uuid = nodes.clusterUuid(0);
            assertThat(nodes.get(0, "_cluster/health").get("status").asString()).isEqualTo("green");

            // The node fails while the cluster is green; while it is away, an index appears whose replicas cannot
            // all be placed: the cluster is yellow when the node comes back, and the node waits for green.
            pods.kill(1, Duration.ofSeconds(5));
            pods.await("pod 1 to be unready", TIMEOUT, () -> !pods.ready(1));
            var stuck = nodes.send(0, "PUT", "stuck", "{\"settings\": {\"number_of_replicas\": 3}}");
            assertThat(stuck.statusCode()).as(stuck.body()).isEqualTo(200);
            pods.await("pod 1 to wait for the cluster's health", TIMEOUT, () -> pods.lastProbeOutput(1)
                    .contains("waits for it to be green again"));
            assertThat(pods.ready(1)).isFalse();
            assertThat(nodes.clusterUuid(1)).isEqualTo(uuid);
            assertThat(nodes.get(0, "_cluster/health").get("number_of_nodes").asInt())
                    .isEqualTo(3);
            assertThat(nodes.get(1, "_nodes/_local/settings?filter_path=nodes.*.settings.cluster")
                            .toString())
                    .as("settings of the restarted node")
                    .doesNotContain("initial_master_nodes");

            var placeable = nodes.send(0, "PUT", "stuck/_settings", "{\"number_of_replicas\": 1}");
            assertThat(placeable.statusCode()).as(placeable.body()).isEqualTo(200);
            pods.await("pod 1 to be ready", TIMEOUT, () -> pods.ready(1));
            assertThat(nodes.get(0, "_cluster/health").get("status").asString()).isEqualTo("green");
        }
    }

    @Test
    void scalingOutJoinsTheExistingClusterEvenWhileItsFirstMasterRestarts() {
        UUID clusterId = provision(1);
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            formed(clusterId, pods);
            RealNodes nodes = new RealNodes(client, clusterId);
            String uuid = nodes.clusterUuid(0);

            // 1 → 3 while the only master is down: the new nodes may not found a cluster of their own.
            scale(clusterId, 3);
            pods.kill(0, Duration.ofSeconds(20));
            pods.awaitAllReady(TIMEOUT);
            for (int ordinal = 0; ordinal < 3; ordinal++) {
                assertThat(nodes.clusterUuid(ordinal))
                        .as("cluster of pod %d", ordinal)
                        .isEqualTo(uuid);
            }

            // 3 → 5 while the first master restarts again.
            scale(clusterId, 5);
            pods.kill(0, Duration.ofSeconds(10));
            pods.awaitAllReady(TIMEOUT);
            IntStream.range(0, 5).forEach(ordinal -> assertThat(nodes.clusterUuid(ordinal))
                    .as("cluster of pod %d", ordinal)
                    .isEqualTo(uuid));
            assertThat(nodes.get(4, "_cluster/health").get("number_of_nodes").asInt())
                    .isEqualTo(5);
        }
    }

    /** What Nebula's status watch does once the first node is ready: a reconcile, which empties the bootstrap list. */
    private void formed(UUID clusterId, StatefulSetStandIn pods) {
        pods.await("the StatefulSet to report a ready node", TIMEOUT, () -> readyReplicas(clusterId) > 0);
        backend.provision(specs(clusterId));
        assertThat(client.configMaps()
                        .inNamespace(ResourceNames.namespace(clusterId))
                        .withName(ElasticsearchNames.BOOTSTRAP_CONFIG_MAP)
                        .get()
                        .getData()
                        .get("initial-master-nodes"))
                .isEmpty();
    }

    private void scale(UUID clusterId, int nodes) {
        backend.update(TestSpecs.copy(specs(clusterId))
                .nodes(nodes)
                .asUpdate(UUID.randomUUID())
                .build());
    }

    private DBClusterSpecs specs(UUID clusterId) {
        return specs.get(clusterId);
    }

    private int readyReplicas(UUID clusterId) {
        var statefulSet = client.apps()
                .statefulSets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ElasticsearchNames.STATEFUL_SET)
                .get();
        Integer ready =
                statefulSet.getStatus() == null ? null : statefulSet.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }
}
