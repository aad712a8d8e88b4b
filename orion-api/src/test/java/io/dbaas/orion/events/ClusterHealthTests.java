package io.dbaas.orion.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.LifecycleIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Nebula's watches report a cluster degraded and recovered; a change under way keeps its state meanwhile. */
class ClusterHealthTests extends LifecycleIntegrationTests {

    UUID cluster;

    @BeforeEach
    void aRunningCluster() {
        cluster = runningCluster();
    }

    @Test
    void degradedClusterShowsItsReadyNodesAndWhyThenRecovers() {
        nebula.degraded(cluster, 2, "Pod qdrant-2 is crash-looping: out of memory.");

        JsonNode degraded = awaitState(cluster, "DEGRADED");
        assertThat(degraded.get("nodes_ready").asInt()).isEqualTo(2);
        assertThat(degraded.get("reason").asString()).isEqualTo("Pod qdrant-2 is crash-looping: out of memory.");

        nebula.recovered(cluster, 3);

        JsonNode recovered = awaitState(cluster, "RUNNING");
        assertThat(recovered.get("nodes_ready").asInt()).isEqualTo(3);
        assertThat(recovered.get("reason").asString()).contains("3 of 3");
    }

    @Test
    void updatingClusterStaysUpdatingWhileItsReadyNodesMove() {
        UUID operation = operationIdOf(as(account.adminToken()).patch("/v1/clusters/" + cluster, "{\"cpu\": \"1\"}"));

        nebula.degraded(cluster, 2, "Pod qdrant-1 restarts with its new resources.");
        JsonNode updating = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> cluster(cluster), json -> json.get("nodes_ready").asInt() == 2);

        assertThat(updating.get("state").asString()).isEqualTo("UPDATING");
        assertThat(updating.get("reason").asString()).contains("restarts");

        nebula.updated(cluster, operation, "1.18.3", 3);
        JsonNode running = awaitState(cluster, "RUNNING");
        assertThat(running.get("node_resources").get("cpu").asString()).isEqualTo("1");
        assertThat(running.get("nodes_ready").asInt()).isEqualTo(3);
    }

    @Test
    void changeRefusedWhileDegradedLeavesTheClusterDegraded() {
        nebula.degraded(cluster, 2, "Pod qdrant-2 cannot be scheduled.");
        awaitState(cluster, "DEGRADED");
        UUID operation = operationIdOf(as(account.adminToken()).patch("/v1/clusters/" + cluster, "{\"nodes\": 4}"));

        nebula.changeFailed(cluster, operation, "The region has no room for a fourth node.");

        JsonNode degraded = awaitState(cluster, "DEGRADED");
        assertThat(degraded.get("nodes").asInt()).isEqualTo(3);
        assertThat(degraded.get("reason").asString()).contains("no room for a fourth node");
    }
}
