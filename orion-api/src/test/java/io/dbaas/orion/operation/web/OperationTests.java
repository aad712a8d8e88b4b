package io.dbaas.orion.operation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Operations follow Nebula's events on the real broker: each event names its command (the operation's id) as its
 * cause.
 */
class OperationTests extends LifecycleIntegrationTests {

    @Test
    void claimAnswersWithItsCreationWhichFollowsProvisioning() {
        Response claimed = post("/v1/clusters", Claims.VALID);

        assertThat(claimed.status()).isEqualTo(202);
        UUID cluster = UUID.fromString(claimed.json().get("id").asString());
        UUID operation = operationIdOf(claimed);
        assertThat(claimed.header("Location")).as("unchanged: the cluster").isEqualTo("/v1/clusters/" + cluster);
        assertThat(claimed.header("Operation-Location")).isEqualTo("/v1/operations/" + operation);
        JsonNode pending = operation(operation);
        assertThat(pending.get("kind").asString()).isEqualTo("create");
        assertThat(pending.get("state").asString()).isEqualTo("pending");
        assertThat(pending.get("cluster_id").asString()).isEqualTo(cluster.toString());
        assertThat(pending.get("requested").get("nodes").asInt()).isEqualTo(3);
        assertThat(pending.get("requested").get("version").asString()).isEqualTo("1.18.3");
        assertThat(pending.get("started_at").isNull()).isTrue();
        assertThat(nebula.command(cluster, operation))
                .as("the operation's id is its command's")
                .isInstanceOf(ProvisionDBCluster.class);

        nebula.provisioningStarted(cluster, operation);
        JsonNode running = awaitOperationState(operation, "running");
        assertThat(running.get("started_at").isNull()).isFalse();
        assertThat(running.get("finished_at").isNull()).isTrue();

        nebula.provisioned(cluster, operation, 3);
        JsonNode succeeded = awaitOperationState(operation, "succeeded");
        assertThat(succeeded.get("finished_at").isNull()).isFalse();
        assertThat(succeeded.get("error").isNull()).isTrue();
    }

    @Test
    void failedCreationSaysWhy() {
        Response claimed = post("/v1/clusters", Claims.VALID);
        UUID cluster = UUID.fromString(claimed.json().get("id").asString());
        UUID operation = operationIdOf(claimed);

        nebula.failed(cluster, operation, "The Kubernetes API of minikube/local is unreachable.");

        JsonNode failed = awaitOperationState(operation, "failed");
        assertThat(failed.get("error").asString()).isEqualTo("The Kubernetes API of minikube/local is unreachable.");
        assertThat(failed.get("finished_at").isNull()).isFalse();
    }

    @Test
    void aCreationWaitingForItsRegionRunsAndSaysWhatItWaitsForOnTheOperationAndTheClusterThenSucceeds() {
        Response claimed = post("/v1/clusters", Claims.VALID);
        UUID cluster = UUID.fromString(claimed.json().get("id").asString());
        UUID operation = operationIdOf(claimed);
        Instant next = Instant.parse("2026-12-07T11:30:05Z");
        String reason = "Waiting for the Kubernetes API of minikube/local, next attempt at 2026-12-07T11:30:05Z"
                + " (attempt 5 failed: The Kubernetes API of minikube/local (https://127.0.0.1:8443) is unreachable:"
                + " Connection refused).";

        nebula.provisioningStarted(cluster, operation);
        nebula.deferred(cluster, operation, reason, 5, next);

        JsonNode waiting = await().atMost(Duration.ofSeconds(20))
                .until(() -> operation(operation), found -> !found.get("waiting")
                        .isNull());
        assertThat(waiting.get("state").asString()).as("not failed: it waits").isEqualTo("running");
        assertThat(waiting.get("waiting").get("reason").asString()).isEqualTo(reason);
        assertThat(Instant.parse(waiting.get("waiting").get("next_attempt_at").asString()))
                .isEqualTo(next);
        JsonNode clusterNow = get("/v1/clusters/" + cluster).json();
        assertThat(clusterNow.get("state").asString()).isEqualTo("PROVISIONING");
        assertThat(clusterNow.get("reason").asString()).isEqualTo(reason);

        nebula.provisioned(cluster, operation, 3);
        JsonNode succeeded = awaitOperationState(operation, "succeeded");
        assertThat(succeeded.get("waiting").isNull())
                .as("done: it waits for nothing")
                .isTrue();
        assertThat(succeeded.get("error").isNull()).isTrue();
    }

    @Test
    void eventThatNamesAnotherCommandMovesNoOperation() {
        Response claimed = post("/v1/clusters", Claims.VALID);
        UUID cluster = UUID.fromString(claimed.json().get("id").asString());
        UUID operation = operationIdOf(claimed);

        nebula.provisioningStarted(cluster, UUID.randomUUID());
        awaitState(cluster, "PROVISIONING");

        assertThat(operation(operation).get("state").asString()).isEqualTo("pending");
    }

    @Test
    void clusterOperationsAreListedNewestFirst() {
        UUID cluster = runningCluster();
        UUID scale = operationIdOf(as(account.adminToken()).patch("/v1/clusters/" + cluster, "{\"nodes\": 4}"));

        JsonNode items = as(credential("viewer"))
                .get("/v1/clusters/" + cluster + "/operations")
                .json()
                .get("items");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("id").asString()).isEqualTo(scale.toString());
        assertThat(items.get(1).get("kind").asString()).isEqualTo("create");
        assertThat(items.get(1).get("state").asString()).isEqualTo("succeeded");
    }

    @Test
    void anotherAccountsOperationIsNotFoundExactlyLikeAMissingOne() {
        TestAccount other = openAccount("other");
        Response theirs = as(other.adminToken()).post("/v1/clusters", Claims.VALID);
        String operation = operationIdOf(theirs).toString();
        String cluster = theirs.json().get("id").asString();
        String missing = UUID.randomUUID().toString();

        Response foreign = get("/v1/operations/" + operation);
        Response absent = get("/v1/operations/" + missing);

        assertThat(foreign.status()).isEqualTo(404).isEqualTo(absent.status());
        assertThat(foreign.json().get("type").asString()).isEqualTo("urn:dbaas:problem:operation-not-found");
        assertThat(foreign.body().replace(operation, "ID"))
                .isEqualTo(absent.body().replace(missing, "ID"));
        assertThat(get("/v1/operations/not-an-id").status()).isEqualTo(404);
        assertThat(get("/v1/clusters/" + cluster + "/operations").status()).isEqualTo(404);
        assertThat(as(other.adminToken()).get("/v1/operations/" + operation).status())
                .as("its owner reads it")
                .isEqualTo(200);
        assertThat(anonymous().get("/v1/operations/" + operation).status()).isEqualTo(401);
    }
}
