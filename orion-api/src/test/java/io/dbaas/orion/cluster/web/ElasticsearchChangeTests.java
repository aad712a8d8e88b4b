package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH} of a running Elasticsearch cluster (3 nodes of 500m CPU, 1Gi memory, 10Gi disk, 8.19.21): what the
 * engine cannot run, and upgrades off Elastic's supported paths, are refused before the {@code 202}, naming the field
 * and the way to take; the cluster stays as it was and no operation or command is written.
 */
class ElasticsearchChangeTests extends LifecycleIntegrationTests {

    UUID cluster;

    @BeforeEach
    void aRunningElasticsearchCluster() {
        cluster = runningCluster(Claims.ELASTICSEARCH);
    }

    @Test
    void upgradeFromTheLastMinorOf8ToTheNextMajorIsAccepted() {
        Response accepted = patch("{\"version\": \"9.5.4\"}");

        assertThat(accepted.json().get("kind").asString()).isEqualTo("upgrade");
        var command = (UpgradeDBCluster) nebula.command(cluster, operationIdOf(accepted));
        assertThat(command.clusterVersion()).isEqualTo("9.5.4");
        assertThat(command.previousVersion()).isEqualTo("8.19.21");
    }

    @Test
    void upgradeWithinTheMajorIsAccepted() {
        runsVersion("8.17.4");

        Response accepted = patch("{\"version\": \"8.19.21\"}");

        var command = (UpgradeDBCluster) nebula.command(cluster, operationIdOf(accepted));
        assertThat(command.clusterVersion()).isEqualTo("8.19.21");
        assertThat(command.previousVersion()).isEqualTo("8.17.4");
    }

    @ParameterizedTest(name = "to {0} node(s) of {1}")
    @CsvSource({"1, 1Gi", "4, 2Gi"})
    void scaleTheEngineCanRunIsAccepted(int nodes, String memory) {
        Response accepted = patch("{\"nodes\": %d, \"memory\": \"%s\"}".formatted(nodes, memory));

        var command = (ScaleDBCluster) nebula.command(cluster, operationIdOf(accepted));
        assertThat(command.dbConfiguration().numNodes()).isEqualTo(nodes);
        assertThat(command.dbConfiguration().nodeConfiguration().memory()).isEqualTo(memory);
    }

    static Stream<Arguments> refusedChanges() {
        return Stream.of(
                Arguments.of(
                        "scale to 2 nodes",
                        "8.19.21",
                        "{\"nodes\": 2}",
                        400,
                        "invalid-change",
                        "nodes",
                        "an Elasticsearch cluster of 2 nodes stops when either is lost"),
                Arguments.of(
                        "memory below the engine's minimum",
                        "8.19.21",
                        "{\"memory\": \"768Mi\"}",
                        400,
                        "invalid-change",
                        "memory",
                        "must be at least 1Gi per node for elasticsearch"),
                Arguments.of(
                        "next major from before 8.19",
                        "8.17.4",
                        "{\"version\": \"9.5.4\"}",
                        422,
                        "change-refused",
                        "version",
                        "'9.5.4' cannot be reached from 8.17.4 in one step: Elasticsearch reaches 9.x only from 8.19.x;"
                                + " upgrade to 8.19.x first, then to 9.5.4"),
                Arguments.of(
                        "two majors at once",
                        "7.17.29",
                        "{\"version\": \"9.5.4\"}",
                        422,
                        "change-refused",
                        "version",
                        "'9.5.4' cannot be reached from 7.17.29 in one step: Elasticsearch upgrades one major version"
                                + " at a time; upgrade to 8.19.x first, then to 9.5.4"),
                Arguments.of(
                        "downgrade",
                        "9.5.4",
                        "{\"version\": \"8.19.21\"}",
                        422,
                        "change-refused",
                        "version",
                        "'8.19.21' is older than 9.5.4, the version the cluster runs; downgrades are not offered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedChanges")
    void refusedChangeNamesTheFieldAndTheWayAndChangesNothing(
            String why, String runs, String body, int status, String type, String field, String detail) {
        runsVersion(runs);
        String etag = get("/v1/clusters/" + cluster).header("ETag");
        long commands = commandsFor(cluster);
        long operations = operationsOf(cluster);

        Response refused = patch(body);

        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:dbaas:problem:" + type);
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
        assertThat(problem.get("errors").get(0).get("detail").asString()).startsWith(detail);
        JsonNode after = cluster(cluster);
        assertThat(after.get("state").asString()).isEqualTo("RUNNING");
        assertThat(after.get("version").asString()).isEqualTo(runs);
        assertThat(get("/v1/clusters/" + cluster).header("ETag")).isEqualTo(etag);
        assertThat(commandsFor(cluster)).isEqualTo(commands);
        assertThat(operationsOf(cluster)).isEqualTo(operations);
    }

    @Test
    void qdrantIsNotConcernedByElasticsearchRules() {
        UUID qdrant = runningCluster(Claims.VALID);

        Response accepted = as(account.adminToken()).patch("/v1/clusters/" + qdrant, "{\"nodes\": 2}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(((ScaleDBCluster) nebula.command(qdrant, operationIdOf(accepted)))
                        .dbConfiguration()
                        .numNodes())
                .isEqualTo(2);
    }

    /**
     * Makes the cluster run {@code version}, as a cluster claimed while the catalog still offered it does: the catalog
     * offers 8.19.21 and 9.5.4 only, but clusters made earlier keep the version they run.
     */
    private void runsVersion(String version) {
        jdbc.sql("update clusters set engine_version = :version, running_version = :version where id = :id")
                .param("version", version)
                .param("id", cluster)
                .update();
    }

    private Response patch(String body) {
        return as(account.adminToken()).patch("/v1/clusters/" + cluster, body);
    }
}
