package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code DELETE /v1/clusters/{id}}: a cluster is DELETING until Nebula reports it gone, then DELETED with its capacity
 * free for the claims waiting in its region; one still waiting for capacity is deleted at once.
 */
class ClusterDeletionTests extends LifecycleIntegrationTests {

    @Test
    void deletedClusterFreesItsCapacityForTheOldestWaitingClaim() {
        String region = Regions.unused();
        sizeRegion(region, "1500m", "3Gi", "30Gi");
        UUID cluster = runningCluster(Claims.in(Regions.PROVIDER, region));
        UUID waiting = id(post("/v1/clusters", Claims.in(Regions.PROVIDER, region)));
        assertThat(state(waiting)).isEqualTo("WAITING_FOR_CAPACITY");

        Response accepted = delete("/v1/clusters/" + cluster);

        assertThat(accepted.status()).isEqualTo(202);
        UUID operation = operationIdOf(accepted);
        assertThat(accepted.header("Location")).isEqualTo("/v1/operations/" + operation);
        assertThat(accepted.json().get("kind").asString()).isEqualTo("delete");
        assertThat(accepted.json().get("state").asString()).isEqualTo("pending");
        assertThat(state(cluster)).isEqualTo("DELETING");
        var command = (DeleteDBCluster) nebula.command(cluster, operation);
        assertThat(command.cloudRegion()).isEqualTo(region);
        assertThat(command.engine().id()).isEqualTo("qdrant");

        nebula.deletionStarted(cluster, operation);
        assertThat(awaitOperationState(operation, "running").get("started_at").isNull())
                .isFalse();
        assertThat(state(waiting)).as("its capacity is still in use").isEqualTo("WAITING_FOR_CAPACITY");

        nebula.deleted(cluster, operation);

        JsonNode deleted = awaitState(cluster, "DELETED");
        assertThat(deleted.get("nodes_ready").asInt()).isZero();
        assertThat(awaitOperationState(operation, "succeeded")
                        .get("finished_at")
                        .isNull())
                .isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> state(waiting).equals("PENDING"));
        assertThat(capacity(region).get("allocated").get("cpu").asString()).isEqualTo("1500m");
        assertThat(capacity(region).get("claims_waiting").asLong()).isZero();
    }

    @Test
    void aDeletionWaitingForItsRegionStaysDeletingSayingWhyAndEndsDeleted() {
        UUID cluster = runningCluster();
        UUID operation = operationIdOf(delete("/v1/clusters/" + cluster));
        nebula.deletionStarted(cluster, operation);
        String reason = "Waiting for the Kubernetes API of minikube/local, next attempt at 2026-12-07T11:30:05Z"
                + " (attempt 2 failed: The Kubernetes API of minikube/local (https://127.0.0.1:8443) is unreachable:"
                + " Connection refused).";

        nebula.deferred(cluster, operation, reason, 2, Instant.parse("2026-12-07T11:30:05Z"));

        JsonNode waiting = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> get("/v1/clusters/" + cluster).json(),
                        found -> found.get("reason").asString().equals(reason));
        assertThat(waiting.get("state").asString()).as("not refused: it waits").isEqualTo("DELETING");
        assertThat(operation(operation).get("state").asString()).isEqualTo("running");

        nebula.deleted(cluster, operation);
        awaitState(cluster, "DELETED");
        assertThat(awaitOperationState(operation, "succeeded").get("waiting").isNull())
                .isTrue();
    }

    @Test
    void clusterWaitingForCapacityIsDeletedAtOnceAndTheClaimsBehindItMoveUp() {
        String region = Regions.unused();
        sizeRegion(region, "1500m", "3Gi", "30Gi");
        UUID big =
                id(post("/v1/clusters", Claims.in(Regions.PROVIDER, region).replace("\"nodes\": 3", "\"nodes\": 6")));
        Response claimed = post("/v1/clusters", Claims.in(Regions.PROVIDER, region));
        UUID creation = creationOf(big);
        UUID small = id(claimed);
        assertThat(state(small)).as("behind the big one").isEqualTo("WAITING_FOR_CAPACITY");

        Response accepted = delete("/v1/clusters/" + big);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("state").asString()).isEqualTo("succeeded");
        assertThat(state(big)).isEqualTo("DELETED");
        assertThat(commandsFor(big)).as("it was never sent to Nebula").isZero();
        JsonNode cancelled = operation(creation);
        assertThat(cancelled.get("state").asString()).isEqualTo("failed");
        assertThat(cancelled.get("error").asString()).contains("deleted before capacity admitted it");
        assertThat(state(small)).as("admitted in the same transaction").isEqualTo("PENDING");
        assertThat(capacity(region).get("claims_waiting").asLong()).isZero();
        assertThat(jdbc.sql("select count(*) from resource_claims where cluster_id = :id")
                        .param("id", big)
                        .query(Long.class)
                        .single())
                .as("its claim is withdrawn")
                .isZero();
    }

    @Test
    void refusedDeletionLeavesTheClusterServingAndCanBeAskedAgain() {
        UUID cluster = runningCluster();
        UUID operation = operationIdOf(delete("/v1/clusters/" + cluster));

        nebula.changeFailed(cluster, operation, "Deleting clusters is not carried out yet.");

        JsonNode running = awaitState(cluster, "RUNNING");
        assertThat(running.get("reason").asString()).contains("not carried out yet");
        assertThat(operation(operation).get("error").asString()).isEqualTo("Deleting clusters is not carried out yet.");
        assertThat(delete("/v1/clusters/" + cluster).status()).isEqualTo(202);
    }

    @Test
    void failedClusterCanBeDeleted() {
        UUID cluster = runningCluster();
        nebula.failed(cluster, null, "The nodes never became ready.");
        awaitState(cluster, "FAILED");

        Response accepted = delete("/v1/clusters/" + cluster);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(state(cluster)).isEqualTo("DELETING");
    }

    @Test
    void deletedClusterIsListedOnlyWhenAskedForAndCannotBeDeletedAgain() {
        UUID cluster = runningCluster();
        UUID kept = runningCluster();
        UUID operation = operationIdOf(delete("/v1/clusters/" + cluster));
        nebula.deleted(cluster, operation);
        awaitState(cluster, "DELETED");

        Response again = delete("/v1/clusters/" + cluster);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-state-conflict");
        assertThat(get("/v1/clusters").json().get("items").findValuesAsString("id"))
                .containsExactly(kept.toString());
        assertThat(get("/v1/clusters?state=deleted").json().get("items").findValuesAsString("id"))
                .containsExactly(cluster.toString());
        assertThat(get("/v1/clusters/" + cluster).status())
                .as("kept for the record")
                .isEqualTo(200);
        assertThat(as(account.adminToken())
                        .patch("/v1/clusters/" + cluster, "{\"nodes\": 4}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void clusterBeingCreatedCannotBeDeletedUntilItsCreationIsDone() {
        Response claimed = post("/v1/clusters", Claims.VALID);
        UUID cluster = id(claimed);

        Response refused = delete("/v1/clusters/" + cluster);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:operation-in-progress");
        assertThat(refused.json().get("operation_id").asString())
                .isEqualTo(claimed.json().get("operation").get("id").asString());
        assertThat(state(cluster)).isEqualTo("PENDING");
    }

    @Test
    void aClusterWhoseCreationWaitsForItsRegionCanBeGivenUpAndEndsDeletedWithItsCapacityFree() {
        String region = Regions.unused();
        sizeRegion(region, "1500m", "3Gi", "30Gi");
        Response claimed = post("/v1/clusters", Claims.in(Regions.PROVIDER, region));
        UUID cluster = id(claimed);
        UUID creation = operationIdOf(claimed);
        nebula.provisioningStarted(cluster, creation);
        String reason = "Waiting for the Kubernetes API of minikube/local, next attempt at 2026-12-07T11:30:05Z"
                + " (attempt 3 failed: connection refused).";
        nebula.deferred(cluster, creation, reason, 3, Instant.parse("2026-12-07T11:30:05Z"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !operation(creation).get("waiting").isNull());

        Response accepted = delete("/v1/clusters/" + cluster);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        UUID deletion = operationIdOf(accepted);
        assertThat(state(cluster)).isEqualTo("DELETING");
        JsonNode cancelled = operation(creation);
        assertThat(cancelled.get("state").asString()).isEqualTo("failed");
        assertThat(cancelled.get("error").asString()).contains("deleted while Nebula waited for its region");
        assertThat(nebula.command(cluster, deletion)).isInstanceOf(DeleteDBCluster.class);

        // What Nebula answers: the superseded creation fails, then the deletion of a cluster it never wrote ends.
        nebula.failed(cluster, creation, "The cluster was deleted before Nebula could create it.");
        nebula.deletionStarted(cluster, deletion);
        nebula.deleted(cluster, deletion);

        awaitState(cluster, "DELETED");
        awaitOperationState(deletion, "succeeded");
        assertThat(operation(creation).get("state").asString()).isEqualTo("failed");
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        capacity(region).get("allocated").get("cpu").asString().equals("0"));
    }

    @Test
    void aClusterBeingCreatedThatWaitsForNothingStillCannotBeDeleted() {
        Response claimed = post("/v1/clusters", Claims.VALID);
        UUID cluster = id(claimed);
        nebula.provisioningStarted(cluster, operationIdOf(claimed));
        await().atMost(Duration.ofSeconds(20)).until(() -> state(cluster).equals("PROVISIONING"));

        Response refused = delete("/v1/clusters/" + cluster);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:operation-in-progress");
        assertThat(state(cluster)).isEqualTo("PROVISIONING");
    }

    @Test
    void ifMatchRolesAndAccountsAreHonoured() {
        UUID cluster = runningCluster();
        String etag = get("/v1/clusters/" + cluster).header("ETag");
        TestAccount other = openAccount("other");

        Response outdated = as(account.adminToken()).delete("/v1/clusters/" + cluster, "If-Match", "\"0\"");
        Response byViewer = as(credential("viewer")).delete("/v1/clusters/" + cluster);
        Response byOther = as(other.adminToken()).delete("/v1/clusters/" + cluster);

        assertThat(outdated.status()).isEqualTo(412);
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byOther.status()).isEqualTo(404);
        assertThat(state(cluster)).isEqualTo("RUNNING");
        assertThat(commandsFor(cluster)).isEqualTo(1);
        assertThat(as(account.adminToken())
                        .delete("/v1/clusters/" + cluster, "If-Match", etag)
                        .status())
                .isEqualTo(202);
    }

    private UUID creationOf(UUID cluster) {
        return UUID.fromString(
                get("/v1/clusters/" + cluster).json().get("operation").get("id").asString());
    }

    private static UUID id(Response claimed) {
        if (claimed.status() != 202) {
            throw new AssertionError("claim not accepted: " + claimed.status() + " " + claimed.body());
        }
        return UUID.fromString(claimed.json().get("id").asString());
    }
}
