package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.gatekeeper.support.DroppingUpstream;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RecordingUpstream;
import io.dbaas.gatekeeper.support.TestCluster;
import io.dbaas.gatekeeper.support.UnansweredListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster that is down or slow: the client is told which, quickly, without the cluster's internal address or any
 * key. The context waits 1 s for a connection and 2 s for an answer (see {@link GateKeeperIntegrationTest}).
 */
class UpstreamFailureIT extends GateKeeperIntegrationTest {

    private static final RecordingUpstream SLOW = RecordingUpstream.slow("slow-upstream", Duration.ofSeconds(8));

    @AfterAll
    static void stopSlowUpstream() {
        SLOW.close();
    }

    @Test
    void aClusterThatRefusesConnectionsIsABadGateway() {
        ServiceAddress closedPort = closedPort();
        TestCluster cluster = provisionedAt(closedPort);
        String apiKey = cluster.newApiKey();

        String body =
                assertProblem(listCollections(cluster.host(), apiKey), 502, "urn:dbaas:problem:upstream-unavailable");

        assertNoSecretOrAddressIn(body, cluster, apiKey, closedPort);
    }

    @Test
    void aClusterThatAnswersTooLateIsAGatewayTimeoutAfterTheResponseTimeout() {
        TestCluster cluster = provisioned(SLOW);
        String apiKey = cluster.newApiKey();

        long started = System.nanoTime();
        String body = assertProblem(listCollections(cluster.host(), apiKey), 504, "urn:dbaas:problem:upstream-timeout");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6));
        // The cluster did get the request: a timeout says nothing about whether it was applied.
        assertThat(SLOW.received()).hasSize(1);
        assertNoSecretOrAddressIn(body, cluster, apiKey, SLOW.address());
    }

    @Test
    void aClusterThatNeverCompletesTheHandshakeIsAGatewayTimeoutAfterTheConnectTimeout() throws IOException {
        try (UnansweredListener unanswered = UnansweredListener.start()) {
            TestCluster cluster = provisionedAt(unanswered.address());
            String apiKey = cluster.newApiKey();

            long started = System.nanoTime();
            String body =
                    assertProblem(listCollections(cluster.host(), apiKey), 504, "urn:dbaas:problem:upstream-timeout");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            // The connect timeout (1 s), not the response timeout (2 s).
            assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofMillis(1900));
            assertNoSecretOrAddressIn(body, cluster, apiKey, unanswered.address());
        }
    }

    @Test
    void anIdempotentRequestWhoseConnectionIsLostBeforeTheAnswerIsSentOnceMore() throws IOException {
        try (DroppingUpstream node = DroppingUpstream.droppingFirst(1)) {
            TestCluster cluster = provisionedAt(node.address());
            String apiKey = cluster.newApiKey();

            listCollections(cluster.host(), apiKey).expectStatus().isOk();

            assertThat(node.received()).isEqualTo(2);
        }
    }

    @Test
    void anIdempotentRequestWhosePooledConnectionIsClosedUnderItIsSentOnceMore() throws IOException {
        try (DroppingUpstream node = DroppingUpstream.droppingFirst(0)) {
            TestCluster cluster = provisionedAt(node.address());
            String apiKey = cluster.newApiKey();
            listCollections(cluster.host(), apiKey).expectStatus().isOk();

            node.dropNext(1);
            listCollections(cluster.host(), apiKey).expectStatus().isOk();

            assertThat(node.received()).isEqualTo(3);
        }
    }

    @Test
    void anIdempotentRequestWithAnEmptyBodyIsSentOnceMoreToo() throws IOException {
        try (DroppingUpstream node = DroppingUpstream.droppingFirst(1)) {
            TestCluster cluster = provisionedAt(node.address());
            String apiKey = cluster.newApiKey();

            gateway()
                    .get()
                    .uri("/collections")
                    .header("Host", cluster.host())
                    .header("api-key", apiKey)
                    .header("Content-Length", "0")
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(node.received()).isEqualTo(2);
        }
    }

    @Test
    void aRequestThatIsNotIdempotentIsNeverSentTwice() throws IOException {
        try (DroppingUpstream node = DroppingUpstream.droppingFirst(1)) {
            TestCluster cluster = provisionedAt(node.address());
            String apiKey = cluster.newApiKey();

            var answer = gateway()
                    .post()
                    .uri("/collections/books/points")
                    .header("Host", cluster.host())
                    .header("api-key", apiKey)
                    .header("Content-Type", "application/json")
                    .bodyValue("{\"points\": []}")
                    .exchange();

            assertProblem(answer, 502, "urn:dbaas:problem:upstream-unavailable");
            assertThat(node.received()).isEqualTo(1);
        }
    }

    @Test
    void anIdempotentRequestIsSentAtMostThreeTimesMore() throws IOException {
        try (DroppingUpstream node = DroppingUpstream.droppingFirst(4)) {
            TestCluster cluster = provisionedAt(node.address());
            String apiKey = cluster.newApiKey();

            assertProblem(listCollections(cluster.host(), apiKey), 502, "urn:dbaas:problem:upstream-unavailable");

            assertThat(node.received()).isEqualTo(4);
        }
    }

    private static void assertNoSecretOrAddressIn(
            String body, TestCluster cluster, String apiKey, ServiceAddress upstream) {
        assertThat(body).doesNotContain(cluster.masterKey(), apiKey, "127.0.0.1", String.valueOf(upstream.port()));
    }

    private static ServiceAddress closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new ServiceAddress("http", "127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
