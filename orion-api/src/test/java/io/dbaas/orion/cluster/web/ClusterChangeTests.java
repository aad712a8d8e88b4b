package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.orion.support.AtOnce;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /v1/clusters/{id}}: a running cluster (3 nodes of 500m CPU, 1Gi memory, 10Gi disk, Qdrant 1.18.3) is
 * scaled, resized or upgraded through an operation whose command carries the whole cluster; a change that cannot be
 * made is refused naming the field, and changes and publishes nothing.
 */
class ClusterChangeTests extends LifecycleIntegrationTests {

    UUID cluster;

    @BeforeEach
    void aRunningCluster() {
        cluster = runningCluster();
    }

    @Test
    void scaleOutIsAcceptedAndItsCommandCarriesTheWholeCluster() {
        Response accepted = patch("{\"nodes\": 5}");

        assertThat(accepted.status()).isEqualTo(202);
        UUID operation = operationIdOf(accepted);
        assertThat(accepted.header("Location")).isEqualTo("/v1/operations/" + operation);
        assertThat(accepted.json().get("kind").asString()).isEqualTo("scale");
        assertThat(accepted.json().get("state").asString()).isEqualTo("pending");
        assertThat(accepted.json().get("requested").get("nodes").asInt()).isEqualTo(5);
        assertThat(accepted.json().get("requested").has("cpu"))
                .as("not asked for")
                .isFalse();

        JsonNode updating = cluster(cluster);
        assertThat(updating.get("state").asString()).isEqualTo("UPDATING");
        assertThat(updating.get("reason").asString()).contains("3 node(s)").contains("5 node(s)");
        assertThat(updating.get("nodes").asInt())
                .as("what runs until Nebula reports")
                .isEqualTo(3);
        assertThat(updating.get("operation").get("id").asString()).isEqualTo(operation.toString());
        assertThat(updating.get("operation").get("requested").get("nodes").asInt())
                .as("what was asked")
                .isEqualTo(5);

        var command = (ScaleDBCluster) nebula.command(cluster, operation);
        assertThat(command.clusterVersion()).isEqualTo("1.18.3");
        assertThat(command.engine().id()).isEqualTo("qdrant");
        assertThat(command.cloudProvider()).isEqualTo("minikube");
        assertThat(command.clusterName()).isEqualTo("vectors");
        assertThat(command.dbConfiguration().numNodes()).isEqualTo(5);
        assertThat(command.dbConfiguration().clusterEndpoint())
                .isEqualTo(updating.get("endpoint").asString());
        assertThat(command.dbConfiguration().nodeConfiguration().cpu()).isEqualTo("500m");
        assertThat(command.dbConfiguration().nodeConfiguration().memory()).isEqualTo("1Gi");
        assertThat(command.dbConfiguration().nodeConfiguration().disk()).isEqualTo("10Gi");
    }

    @Test
    void resizeKeepsTheNodesAndAsksForNewResources() {
        UUID operation = operationIdOf(patch("""
                {"cpu": "1", "memory": "2Gi", "disk": "20Gi"}"""));

        var command = (ScaleDBCluster) nebula.command(cluster, operation);
        assertThat(command.dbConfiguration().numNodes()).isEqualTo(3);
        assertThat(command.dbConfiguration().nodeConfiguration().cpu()).isEqualTo("1");
        assertThat(command.dbConfiguration().nodeConfiguration().memory()).isEqualTo("2Gi");
        assertThat(command.dbConfiguration().nodeConfiguration().disk()).isEqualTo("20Gi");
        assertThat(state(cluster)).isEqualTo("UPDATING");
    }

    @Test
    void upgradeNamesTheTargetAndThePreviousVersion() {
        Response accepted = patch("{\"version\": \"1.19.0\"}");

        assertThat(accepted.json().get("kind").asString()).isEqualTo("upgrade");
        var command = (UpgradeDBCluster) nebula.command(cluster, operationIdOf(accepted));
        assertThat(command.clusterVersion()).isEqualTo("1.19.0");
        assertThat(command.previousVersion()).isEqualTo("1.18.3");
        assertThat(command.dbConfiguration().numNodes()).isEqualTo(3);
        assertThat(cluster(cluster).get("version").asString())
                .as("until it is done")
                .isEqualTo("1.18.3");
    }

    @Test
    void completedChangeIsWhatTheClusterRuns() {
        UUID operation = operationIdOf(patch("{\"nodes\": 5, \"memory\": \"2Gi\"}"));

        nebula.updated(cluster, operation, "1.18.3", 5);

        JsonNode running = awaitState(cluster, "RUNNING");
        assertThat(running.get("nodes").asInt()).isEqualTo(5);
        assertThat(running.get("nodes_ready").asInt()).isEqualTo(5);
        assertThat(running.get("node_resources").get("memory").asString()).isEqualTo("2Gi");
        assertThat(running.get("operation").isNull()).isTrue();
        JsonNode done = operation(operation);
        assertThat(done.get("state").asString()).isEqualTo("succeeded");
        assertThat(done.get("finished_at").isNull()).isFalse();
    }

    @Test
    void refusedChangeLeavesTheClusterAsItWasWithTheReason() {
        UUID operation = operationIdOf(patch("{\"nodes\": 1}"));

        nebula.changeFailed(cluster, operation, "Scaling in from 3 to 1 node would lose shards that have no replica.");

        JsonNode running = awaitState(cluster, "RUNNING");
        assertThat(running.get("nodes").asInt()).isEqualTo(3);
        assertThat(running.get("reason").asString()).contains("would lose shards");
        JsonNode failed = operation(operation);
        assertThat(failed.get("state").asString()).isEqualTo("failed");
        assertThat(failed.get("error").asString())
                .isEqualTo("Scaling in from 3 to 1 node would lose shards that have no replica.");
        assertThat(operationIdOf(patch("{\"nodes\": 4}")))
                .as("the cluster can be changed again")
                .isNotNull();
    }

    static Stream<Arguments> refusedChanges() {
        return Stream.of(
                Arguments.of("downgrade", "{\"version\": \"1.17.1\"}", 422, "version"),
                Arguments.of("smaller disk", "{\"disk\": \"5Gi\"}", 422, "disk"),
                Arguments.of("version with a new size", "{\"version\": \"1.19.0\", \"nodes\": 4}", 422, "version"),
                Arguments.of("nothing to change", "{\"nodes\": 3, \"cpu\": \"500m\"}", 422, "nodes"),
                Arguments.of("unknown field", "{\"replicas\": 4}", 400, "replicas"),
                Arguments.of("too many nodes", "{\"nodes\": 11}", 400, "nodes"),
                Arguments.of("fraction of a node", "{\"nodes\": 4.5}", 400, "nodes"),
                Arguments.of("cpu not a quantity", "{\"cpu\": \"lots\"}", 400, "cpu"),
                Arguments.of("memory too large", "{\"memory\": \"1Ti\"}", 400, "memory"),
                Arguments.of("version not offered", "{\"version\": \"9.9.9\"}", 400, "version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedChanges")
    void refusedChangeNamesTheFieldAndChangesNothing(String why, String body, int status, String field) {
        String etag = get("/v1/clusters/" + cluster).header("ETag");
        long commands = commandsFor(cluster);
        long operations = operationsOf(cluster);

        Response refused = patch(body);

        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).startsWith("urn:dbaas:problem:");
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains(field);
        assertThat(state(cluster)).isEqualTo("RUNNING");
        assertThat(get("/v1/clusters/" + cluster).header("ETag")).isEqualTo(etag);
        assertThat(commandsFor(cluster)).isEqualTo(commands);
        assertThat(operationsOf(cluster)).isEqualTo(operations);
    }

    @Test
    void everyFieldAtFaultIsNamedAtOnce() {
        Response refused = patch("{\"nodes\": 0, \"cpu\": \"lots\", \"disk\": \"2Ti\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-change");
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("nodes", "cpu", "disk");
    }

    @Test
    void downgradeAndSmallerDiskAreRefusedTogether() {
        Response refused = patch("{\"version\": \"1.17.1\", \"disk\": \"5Gi\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:change-refused");
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("version", "disk");
    }

    @Test
    void ifMatchWithAnOutdatedVersionIsRefusedAndChangesNothing() {
        String etag = get("/v1/clusters/" + cluster).header("ETag");
        assertThat(etag).matches("\"\\d+\"");
        nebula.degraded(cluster, 2, "Pod qdrant-2 cannot be scheduled: insufficient memory.");
        awaitState(cluster, "DEGRADED");

        Response refused = patch("{\"nodes\": 5}", "If-Match", etag);

        assertThat(refused.status()).isEqualTo(412);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:precondition-failed");
        assertThat(state(cluster)).isEqualTo("DEGRADED");
        assertThat(operationsOf(cluster)).as("only its creation").isEqualTo(1);
        String current = get("/v1/clusters/" + cluster).header("ETag");
        assertThat(current).isNotEqualTo(etag);
        assertThat(patch("{\"nodes\": 5}", "If-Match", current).status())
                .as("a degraded cluster can be scaled, with the current ETag")
                .isEqualTo(202);
    }

    @Test
    void secondChangeWhileTheFirstIsUnderWayIsRefusedNamingIt() {
        UUID first = operationIdOf(patch("{\"nodes\": 5}"));

        Response second = patch("{\"version\": \"1.19.0\"}");
        Response deletion = delete("/v1/clusters/" + cluster);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("type").asString()).isEqualTo("urn:dbaas:problem:operation-in-progress");
        assertThat(second.json().get("operation_id").asString()).isEqualTo(first.toString());
        assertThat(second.json().get("detail").asString()).contains(first.toString());
        assertThat(deletion.status()).isEqualTo(409);
        assertThat(operationsOf(cluster)).isEqualTo(2);
    }

    @Test
    void parallelChangesOfOneClusterAreDecidedOneAfterTheOther() throws Exception {
        int requests = 8;
        List<Response> responses = AtOnce.fire(requests, i -> {
            int nodes = 4 + i % 6;
            return () -> patch("{\"nodes\": " + nodes + "}");
        });

        assertThat(responses).extracting(Response::status).containsOnlyOnce(202).containsOnly(202, 409);
        assertThat(operationsOf(cluster)).as("its creation and one change").isEqualTo(2);
        assertThat(commandsFor(cluster)).isEqualTo(2);
    }

    @Test
    void clusterThatIsNotServingCannotBeChanged() {
        Response claimed = post("/v1/clusters", Claims.VALID);
        UUID pending = UUID.fromString(claimed.json().get("id").asString());
        nebula.failed(cluster, null, "The nodes never became ready.");
        awaitState(cluster, "FAILED");

        Response ofPending = as(account.adminToken()).patch("/v1/clusters/" + pending, "{\"nodes\": 4}");
        Response ofFailed = patch("{\"nodes\": 4}");

        assertThat(ofPending.status()).as("its creation is under way").isEqualTo(409);
        assertThat(ofPending.json().get("operation_id").asString())
                .isEqualTo(claimed.json().get("operation").get("id").asString());
        assertThat(ofFailed.status()).isEqualTo(409);
        assertThat(ofFailed.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-state-conflict");
    }

    @Test
    void viewersCannotChangeAndOtherAccountsDoNotSeeTheCluster() {
        TestAccount other = openAccount("other");

        Response byViewer = as(credential("viewer")).patch("/v1/clusters/" + cluster, "{\"nodes\": 4}");
        Response byOther = as(other.adminToken()).patch("/v1/clusters/" + cluster, "{\"nodes\": 4}");
        Response missing = patchAt("/v1/clusters/" + UUID.randomUUID(), "{\"nodes\": 4}");

        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byOther.status()).isEqualTo(404);
        assertThat(byOther.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-not-found");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(state(cluster)).isEqualTo("RUNNING");
        assertThat(commandsFor(cluster)).isEqualTo(1);
    }

    private Response patch(String body, String... headers) {
        return as(account.adminToken()).patch("/v1/clusters/" + cluster, body, headers);
    }

    private Response patchAt(String path, String body) {
        return as(account.adminToken()).patch(path, body);
    }
}
