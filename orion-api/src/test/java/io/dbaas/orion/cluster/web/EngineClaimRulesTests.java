package io.dbaas.orion.cluster.web;

import static io.dbaas.orion.support.Claims.withMemory;
import static io.dbaas.orion.support.Claims.withNodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.ClaimTables;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What an engine needs of a claim beyond the general limits, checked before the {@code 202}: Elasticsearch never runs
 * on 2 nodes, and a node has at least its engine's {@code min-memory} (Elasticsearch 1Gi; Qdrant sets none and keeps
 * the general 512Mi). A refused claim, real or dry run, stores and publishes nothing.
 */
class EngineClaimRulesTests extends OrionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    static Stream<Arguments> refusedClaims() {
        return Stream.of(
                Arguments.of(
                        "Elasticsearch of 2 nodes",
                        withNodes(Claims.ELASTICSEARCH, 2),
                        "nodes",
                        "an Elasticsearch cluster of 2 nodes stops when either is lost"),
                Arguments.of(
                        "Elasticsearch node below its minimum memory",
                        withMemory(Claims.ELASTICSEARCH, "768Mi"),
                        "memory",
                        "must be at least 1Gi per node for elasticsearch"),
                Arguments.of(
                        "Qdrant node below the general minimum memory",
                        withMemory(Claims.VALID, "511Mi"),
                        "memory",
                        "must be between 512Mi and 64Gi"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedClaims")
    void claimTheEngineCannotRunIsRefusedNamingTheFieldAndStoresNothing(
            String why, String claim, String field, String detail) {
        List<Long> before = ClaimTables.rowCounts(jdbc);

        Response refused = post("/v1/clusters", claim);
        Response dryRun = post("/v1/clusters?dry_run=true", claim);

        for (Response response : List.of(refused, dryRun)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-claim");
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asString()).isEqualTo(field + ": see errors");
            assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
            assertThat(problem.get("errors").get(0).get("detail").asString()).startsWith(detail);
        }
        assertThat(ClaimTables.rowCounts(jdbc)).isEqualTo(before);
    }

    @Test
    void twoNodeElasticsearchIsToldWhatToAskForInstead() {
        JsonNode error = post("/v1/clusters", withNodes(Claims.ELASTICSEARCH, 2))
                .json()
                .get("errors")
                .get(0);

        assertThat(error.get("detail").asString())
                .contains("majority of 2 master-eligible nodes")
                .contains("ask for 3 or more nodes, or 1 knowing that it is not highly available");
    }

    @Test
    void engineRulesAreNamedWithEveryOtherFieldAtFault() {
        Response refused = post(
                "/v1/clusters",
                withMemory(withNodes(Claims.ELASTICSEARCH, 2), "768Mi").replace("\"local\"", "\"mars\""));

        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactly("nodes", "memory", "region");
    }

    static Stream<Arguments> acceptedClaims() {
        return Stream.of(
                Arguments.of("Elasticsearch of 1 node", withNodes(Claims.ELASTICSEARCH, 1)),
                Arguments.of("Elasticsearch of 3 nodes with 1Gi each", Claims.ELASTICSEARCH),
                Arguments.of("Elasticsearch of 4 nodes", withNodes(Claims.ELASTICSEARCH, 4)),
                Arguments.of("Qdrant of 2 nodes", withNodes(Claims.VALID, 2)),
                Arguments.of("Qdrant node with the general minimum memory", withMemory(Claims.VALID, "512Mi")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedClaims")
    void claimTheEngineCanRunIsAccepted(String why, String claim) {
        Response accepted = post("/v1/clusters", claim);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(get("/v1/clusters/" + accepted.json().get("id").asString()).status())
                .isEqualTo(200);
    }
}
