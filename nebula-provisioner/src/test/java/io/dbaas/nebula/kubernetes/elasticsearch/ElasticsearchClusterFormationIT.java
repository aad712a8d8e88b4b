package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A new cluster of three real Elasticsearch nodes, each running the pod Nebula rendered: it forms with security and
 * TLS on both layers, every node with the same roles and users nobody can change through the API, and a node is ready
 * only while it is in a cluster with an elected master.
 */
class ElasticsearchClusterFormationIT extends RealElasticsearchTest {

    @Test
    void threeNodesFormOneSecureClusterAndANodeIsReadyOnlyWithAnElectedMaster() {
        UUID clusterId = provision(3);
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            RealNodes nodes = new RealNodes(client, clusterId);

            JsonNode health = nodes.get(0, "_cluster/health");
            assertThat(health.get("number_of_nodes").asInt()).isEqualTo(3);
            assertThat(health.get("status").asString()).isEqualTo("green");
            Set<String> uuids = new HashSet<>();
            Set<String> roles = new HashSet<>();
            for (int ordinal = 0; ordinal < 3; ordinal++) {
                uuids.add(nodes.clusterUuid(ordinal));
                roles.add(nodes.get(ordinal, "_nodes/_local?filter_path=nodes.*.roles")
                        .get("nodes")
                        .values()
                        .iterator()
                        .next()
                        .get("roles")
                        .toString());
            }
            assertThat(uuids).hasSize(1);
            assertThat(roles)
                    .containsExactly("[\"data\",\"ingest\",\"master\",\"remote_cluster_client\",\"transform\"]");
            // Every node serves HTTPS (this client trusts the cluster's CA only) and requires TLS from its peers.
            JsonNode settings = nodes.get(0, "_nodes/settings?filter_path=nodes.*.settings.xpack.security");
            assertThat(settings.get("nodes").values()).hasSize(3).allSatisfy(node -> {
                JsonNode security = node.at("/settings/xpack/security");
                assertThat(security.at("/enabled").asString())
                        .as(security.toString())
                        .isEqualTo("true");
                assertThat(security.at("/transport/ssl/enabled").asString())
                        .as(security.toString())
                        .isEqualTo("true");
                assertThat(security.at("/http/ssl/enabled").asString())
                        .as(security.toString())
                        .isEqualTo("true");
            });

            // The customer, who acts as elastic through GateKeeper, cannot change the credentials GateKeeper and the
            // nodes use: the nodes stay ready over several probe periods.
            HttpResponse<String> changed =
                    nodes.send(0, "POST", "_security/user/elastic/_password", "{\"password\":\"taken-over-1234\"}");
            assertThat(changed.statusCode()).isEqualTo(400);
            assertThat(changed.body()).contains("reserved realm which is disabled");
            assertThat(nodes.get(0, "_security/_authenticate")
                            .get("authentication_realm")
                            .get("type")
                            .asString())
                    .isEqualTo("file");
            // Counted in probes, not seconds: every node probes more times than it takes to become unready.
            int[] probesBefore = new int[3];
            int[] unreadyBefore = new int[3];
            for (int ordinal = 0; ordinal < 3; ordinal++) {
                probesBefore[ordinal] = pods.readinessProbes(ordinal);
                unreadyBefore[ordinal] = pods.timesUnready(ordinal);
            }
            pods.await("every node to run enough readiness probes to turn unready", TIMEOUT, () -> IntStream.range(0, 3)
                    .allMatch(ordinal -> pods.readinessProbes(ordinal)
                            > probesBefore[ordinal] + pods.readinessFailureThreshold(ordinal)));
            for (int ordinal = 0; ordinal < 3; ordinal++) {
                assertThat(pods.timesUnready(ordinal))
                        .as("pod %d stayed ready", ordinal)
                        .isEqualTo(unreadyBefore[ordinal]);
            }
            assertThat(pods.readyPods()).isEqualTo(3);

            // Two nodes of three gone: the last one has no master any more, and says so by becoming unready.
            pods.kill(1, Duration.ofSeconds(45));
            pods.kill(2, Duration.ofSeconds(45));
            pods.await("pod 0 to be unready without a master", TIMEOUT, () -> !pods.ready(0));
            assertThat(pods.lastProbeOutput(0)).contains("no elected master");
            pods.awaitAllReady(TIMEOUT);
            assertThat(nodes.clusterUuid(0)).isEqualTo(uuids.iterator().next());
        }
    }
}
