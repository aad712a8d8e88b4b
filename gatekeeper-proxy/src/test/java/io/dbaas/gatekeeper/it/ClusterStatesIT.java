package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.gatekeeper.directory.ClusterState;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.TestCluster;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** What a client is told about a cluster in each state Nebula reports, through a real broker and a real upstream. */
class ClusterStatesIT extends GateKeeperIntegrationTest {

    @Test
    void aProvisioningClusterAnswers503WithRetryAfterAtItsHostThenServesOnceProvisioned() {
        TestCluster cluster = TestCluster.under(DOMAIN);
        publish(cluster.provisioningStarted());
        await().atMost(eventDelivery())
                .until(() -> directory.notYetRoutable(cluster.id()).isPresent());

        assertProblem(
                listCollections(cluster.host(), cluster.newApiKey())
                        .expectHeader()
                        .valueEquals(HttpHeaders.RETRY_AFTER, "30"),
                503,
                "urn:dbaas:problem:cluster-provisioning");
        // Another region or provider is another name, and a longer name is none: only the id's own shape answers.
        String elsewhere = cluster.id() + ".us-east-1.gcp." + DOMAIN;
        assertProblem(listCollections(elsewhere, cluster.newApiKey()), 503, "urn:dbaas:problem:cluster-provisioning");
        assertProblem(
                listCollections("x." + cluster.host(), cluster.newApiKey()), 404, "urn:dbaas:problem:unknown-cluster");

        publish(cluster.provisionedAt(UPSTREAM_A.address()));
        await().atMost(eventDelivery()).untilAsserted(() -> listCollections(cluster.host(), cluster.newApiKey())
                .expectStatus()
                .isOk());
        assertProblem(listCollections(elsewhere, cluster.newApiKey()), 404, "urn:dbaas:problem:unknown-cluster");
    }

    @Test
    void aDegradedOrUpdatedClusterKeepsServing() {
        TestCluster cluster = provisioned(UPSTREAM_A);
        publish(cluster.degraded());
        publish(cluster.updated());

        // Nothing to wait for: the cluster must simply stay routed while the events are read (well under 2 s).
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> state(cluster) == ClusterState.RUNNING);
        listCollections(cluster.host(), cluster.newApiKey()).expectStatus().isOk();
        assertThat(UPSTREAM_A.received()).hasSize(1);
    }

    @Test
    void aFailedClusterAnswers503WithoutReachingTheUpstream() {
        TestCluster cluster = provisioned(UPSTREAM_A);

        publish(cluster.failed());
        await().atMost(eventDelivery()).until(() -> state(cluster) == ClusterState.FAILED);

        assertProblem(
                listCollections(cluster.host(), cluster.newApiKey())
                        .expectHeader()
                        .exists(HttpHeaders.RETRY_AFTER),
                503,
                "urn:dbaas:problem:cluster-failed");
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void aClusterBeingDeletedAnswers503AndOnceDeletedIsUnknown() {
        TestCluster cluster = provisioned(UPSTREAM_A);

        publish(cluster.deletionStarted());
        await().atMost(eventDelivery()).until(() -> state(cluster) == ClusterState.DELETING);
        assertProblem(
                listCollections(cluster.host(), cluster.newApiKey())
                        .expectHeader()
                        .exists(HttpHeaders.RETRY_AFTER),
                503,
                "urn:dbaas:problem:cluster-deleting");

        publish(cluster.deleted());
        await().atMost(eventDelivery())
                .until(() -> directory.lookup(cluster.host()).isEmpty());
        assertProblem(listCollections(cluster.host(), cluster.newApiKey()), 404, "urn:dbaas:problem:unknown-cluster");
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void anUnknownIdInTheClusterHostShapeIsNotFound() {
        assertProblem(
                listCollections(UUID.randomUUID() + ".eu-west-1.aws." + DOMAIN, "dbk_x"),
                404,
                "urn:dbaas:problem:unknown-cluster");
    }

    private ClusterState state(TestCluster cluster) {
        return directory.lookup(cluster.host()).map(entry -> entry.state()).orElse(null);
    }
}
