package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What happens to a real cluster after it formed: a node that fails comes back into the same cluster on its own data,
 * nodes added by scaling out join it even while its only master is restarting, and the credentials GateKeeper and the
 * nodes use cannot be changed through the API.
 */
class ElasticsearchNodeLifecycleIT extends RealElasticsearchTest {

    @Test
    void aKilledNodeRejoinsTheSameClusterOnItsOwnDataWithoutBootstrapping() {
        UUID clusterId = provision(3);
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            formed(clusterId, pods);
            RealNodes nodes = new RealNodes(client, clusterId);
            String uuid = nodes.clusterUuid(0);

            pods.kill(1, Duration.ofSeconds(5));
            pods.await("pod 1 to be unready", TIMEOUT, () -> !pods.ready(1));
            pods.awaitAllReady(TIMEOUT);

            assertThat(nodes.clusterUuid(1)).isEqualTo(uuid);
            assertThat(nodes.get(0, "_cluster/health").get("number_of_nodes").asInt())
                    .isEqualTo(3);
            assertThat(nodes.get(1, "_nodes/_local/settings?filter_path=nodes.*.settings.cluster")
                            .toString())
                    .as("settings of the restarted node")
                    .doesNotContain("initial_master_nodes");
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

    @Test
    void theCustomerCannotChangeTheCredentialsGatekeeperAndTheNodesUse() {
        UUID clusterId = provision(3);
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            RealNodes nodes = new RealNodes(client, clusterId);

            HttpResponse<String> changed =
                    nodes.send(0, "POST", "_security/user/elastic/_password", "{\"password\":\"taken-over-1234\"}");

            assertThat(changed.statusCode()).isEqualTo(400);
            assertThat(changed.body()).contains("reserved realm which is disabled");
            assertThat(nodes.get(0, "_security/_authenticate")
                            .get("authentication_realm")
                            .get("type")
                            .asString())
                    .isEqualTo("file");
            // The nodes' own checks keep passing: no node turns unready over several probe periods.
            await().during(Duration.ofSeconds(20))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> pods.readyPods() == 3);
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
