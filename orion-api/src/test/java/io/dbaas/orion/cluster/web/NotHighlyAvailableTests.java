package io.dbaas.orion.cluster.web;

import static io.dbaas.orion.support.Claims.withNodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A cluster of one node is accepted, of either engine, and every answer that shows it says in {@code warnings} that it
 * is not highly available; a cluster of more nodes has no warning.
 */
class NotHighlyAvailableTests extends LifecycleIntegrationTests {

    @ParameterizedTest
    @ValueSource(strings = {"qdrant", "elasticsearch"})
    void singleNodeClusterIsAcceptedAndEveryAnswerSaysItIsNotHighlyAvailable(String engine) {
        String claim = withNodes(engine.equals("qdrant") ? Claims.VALID : Claims.ELASTICSEARCH, 1);

        Response dryRun = post("/v1/clusters?dry_run=true", claim);
        Response accepted = post("/v1/clusters", claim);
        String id = accepted.json().get("id").asString();

        assertThat(dryRun.status()).isEqualTo(200);
        assertNotHighlyAvailable(dryRun.json().get("cluster"));
        assertThat(accepted.status()).isEqualTo(202);
        assertNotHighlyAvailable(accepted.json());
        assertNotHighlyAvailable(get("/v1/clusters/" + id).json());
        assertNotHighlyAvailable(
                get("/v1/clusters?engine=" + engine).json().get("items").get(0));
    }

    @Test
    void clusterOfSeveralNodesHasNoWarning() {
        Response dryRun = post("/v1/clusters?dry_run=true", Claims.VALID);
        Response accepted = post("/v1/clusters", Claims.VALID);

        assertThat(dryRun.json().get("cluster").get("warnings").isEmpty()).isTrue();
        assertThat(accepted.json().get("warnings").isEmpty()).isTrue();
        assertThat(get("/v1/clusters/" + accepted.json().get("id").asString())
                        .json()
                        .get("warnings")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void clusterScaledInToOneNodeSaysSoOnceItRunsOne() {
        UUID cluster = runningCluster();
        UUID operation = operationIdOf(as(account.adminToken()).patch("/v1/clusters/" + cluster, "{\"nodes\": 1}"));
        assertThat(cluster(cluster).get("warnings").isEmpty())
                .as("it still runs 3 nodes")
                .isTrue();

        nebula.updated(cluster, operation, "1.18.3", 1);

        assertNotHighlyAvailable(awaitState(cluster, "RUNNING"));
    }

    private static void assertNotHighlyAvailable(JsonNode cluster) {
        JsonNode warnings = cluster.get("warnings");
        assertThat(warnings.size()).as(cluster.toString()).isEqualTo(1);
        assertThat(warnings.get(0).get("code").asString()).isEqualTo("not-highly-available");
        assertThat(warnings.get(0).get("detail").asString())
                .startsWith("A single node is not highly available")
                .contains("Run 3 or more nodes");
    }
}
