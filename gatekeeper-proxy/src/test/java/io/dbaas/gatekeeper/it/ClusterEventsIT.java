package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.TestCluster;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The directory follows the cluster-events topic of a real broker. */
class ClusterEventsIT extends GateKeeperIntegrationTest {

    @Test
    void aProvisionedClusterIsRoutedAndAFailedOneNoLonger() {
        TestCluster cluster = TestCluster.under(DOMAIN);
        String apiKey = cluster.newApiKey();

        publish(cluster.provisionedAt(UPSTREAM_A.address()));
        await().atMost(eventDelivery())
                .untilAsserted(() -> request(cluster, apiKey).expectStatus().isOk());

        publish(cluster.failed());
        await().atMost(eventDelivery())
                .untilAsserted(() -> assertProblem(request(cluster, apiKey), 503, "urn:dbaas:problem:cluster-failed"));
        UPSTREAM_A.forget();
        request(cluster, apiKey).expectStatus().isEqualTo(503);
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void recordsThatCannotBeAppliedAreSkippedAndLaterEventsStillApply() {
        TestCluster unlucky = TestCluster.under(DOMAIN);
        TestCluster later = TestCluster.under(DOMAIN);
        String key = later.id().toString();
        // Same key as the good event, so all of them land on its partition, ahead of it.
        publishGarbage(key, "this is not JSON");
        publishGarbage(key, "{\"name\":\"ClusterProvisioned\",\"id\":\"not-a-uuid\"}");
        publishGarbage(key, "{\"name\":\"NoSuchEvent\"}");
        String sealedForAnotherCluster = TestCluster.CIPHER.seal(later.id(), unlucky.masterKey());
        publish(unlucky.provisionedAt(UPSTREAM_A.address(), sealedForAnotherCluster));
        publish(later.provisionedAt(UPSTREAM_B.address()));

        await().atMost(eventDelivery())
                .untilAsserted(
                        () -> request(later, later.newApiKey()).expectStatus().isOk());
        assertThat(directory.find(unlucky.host())).isEmpty();
        assertThat(UPSTREAM_B.received()).hasSize(1);
    }

    private WebTestClient.ResponseSpec request(TestCluster cluster, String apiKey) {
        return gateway()
                .get()
                .uri("/healthz")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", apiKey)
                .exchange();
    }
}
