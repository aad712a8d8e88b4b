package io.dbaas.orion.capacity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scale-out or resize must fit its region: while it is under way the cluster holds the larger of its old and new
 * shape; when it settles, done or refused, the cluster holds what it runs and what it gave back goes to waiting claims.
 * The running cluster takes 3 nodes of 500m CPU, 1Gi memory and 10Gi disk.
 */
class ChangeCapacityTests extends LifecycleIntegrationTests {

    String region;
    UUID cluster;

    @BeforeEach
    void aRunningClusterInARegionOfItsOwn() {
        region = Regions.unused();
        // Room for the cluster twice over.
        sizeRegion(region, "3", "6Gi", "60Gi");
        cluster = runningCluster(Claims.in(Regions.PROVIDER, region));
    }

    @Test
    void changeTheRegionCannotHoldIsRefusedAndChangesNothing() {
        Response refused = patch("{\"nodes\": 7}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:capacity-exceeded");
        assertThat(refused.json().get("detail").asString())
                .contains(Regions.PROVIDER + "/" + region)
                .contains("2 CPU, 4Gi memory and 40Gi disk more");
        assertThat(state(cluster)).isEqualTo("RUNNING");
        assertThat(commandsFor(cluster)).isEqualTo(1);
        assertThat(capacity(region).get("allocated").get("cpu").asString()).isEqualTo("1500m");
    }

    @Test
    void refusedChangeGivesItsReservationToTheWaitingClaim() {
        UUID operation = operationIdOf(patch("{\"nodes\": 6}"));
        assertThat(capacity(region).get("allocated").get("cpu").asString()).isEqualTo("3");
        Response claimed = post("/v1/clusters", Claims.in(Regions.PROVIDER, region));
        UUID waiting = UUID.fromString(claimed.json().get("id").asString());
        assertThat(claimed.json().get("state").asString()).isEqualTo("WAITING_FOR_CAPACITY");

        nebula.changeFailed(cluster, operation, "The nodes of the region have no room for three more pods.");

        await().atMost(Duration.ofSeconds(20)).until(() -> state(waiting).equals("PENDING"));
        assertThat(state(cluster)).isEqualTo("RUNNING");
        assertThat(cluster(cluster).get("nodes").asInt()).isEqualTo(3);
        assertThat(capacity(region).get("allocated").get("cpu").asString()).isEqualTo("3");
        assertThat(capacity(region).get("claims_waiting").asLong()).isZero();
    }

    @Test
    void completedScaleInFreesWhatTheClusterNoLongerUses() {
        UUID operation = operationIdOf(patch("{\"nodes\": 1}"));
        assertThat(capacity(region).get("allocated").get("cpu").asString())
                .as("the old shape is held until the change is done")
                .isEqualTo("1500m");

        nebula.updated(cluster, operation, "1.18.3", 1);

        awaitState(cluster, "RUNNING");
        assertThat(capacity(region).get("allocated").get("cpu").asString()).isEqualTo("500m");
        assertThat(capacity(region).get("allocated").get("disk").asString()).isEqualTo("10Gi");
    }

    @Test
    void upgradeNeedsNoCapacity() {
        sizeRegion(region, "1500m", "3Gi", "30Gi");

        assertThat(patch("{\"version\": \"1.19.0\"}").status()).isEqualTo(202);
        assertThat(capacity(region).get("allocated").get("cpu").asString()).isEqualTo("1500m");
    }

    private Response patch(String body) {
        return as(account.adminToken()).patch("/v1/clusters/" + cluster, body);
    }
}
