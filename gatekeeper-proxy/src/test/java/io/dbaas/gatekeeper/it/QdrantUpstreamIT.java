package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RecordingUpstream;
import io.dbaas.gatekeeper.support.RecordingUpstream.Received;
import io.dbaas.gatekeeper.support.TestCertificates;
import io.dbaas.gatekeeper.support.TestCluster;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Qdrant clusters answer over HTTPS with a certificate from their own CA, announced in the event, as Elasticsearch
 * clusters do. GateKeeper trusts that CA for that cluster only and checks the host name before the master key leaves
 * it as {@code api-key}: a load balancer or anyone else on the path sees only TLS.
 *
 * <p>The upstreams are stand-ins (the JDK's HTTPS server) for Qdrant's client port, which cannot run here.
 */
class QdrantUpstreamIT extends GateKeeperIntegrationTest {

    private static final TestCertificates.Authority CLUSTER_CA = TestCertificates.authority();
    private static final TestCertificates.Authority OTHER_CLUSTERS_CA = TestCertificates.authority();

    private static final RecordingUpstream QDRANT =
            RecordingUpstream.https("qdrant", CLUSTER_CA.serverContext("127.0.0.1"));

    /** A server with a certificate from another cluster's CA: it must never see this cluster's master key. */
    private static final RecordingUpstream IMPOSTOR =
            RecordingUpstream.https("impostor", OTHER_CLUSTERS_CA.serverContext("127.0.0.1"));

    /** The right CA, but a certificate for another address. */
    private static final RecordingUpstream WRONG_NAME =
            RecordingUpstream.https("wrong-name", CLUSTER_CA.serverContext("127.0.0.2"));

    @Test
    void aRequestReachesQdrantOverHttpsWithTheMasterKeyAndNoClientCredential() {
        TestCluster cluster = qdrantBehind(QDRANT);
        String apiKey = cluster.newApiKey();
        QDRANT.forget();

        String answer = gateway()
                .put()
                .uri("/collections/vectors/points?wait=true")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", apiKey)
                .header(HttpHeaders.COOKIE, "session=client-cookie")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"points\":[]}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer).isEqualTo("answered by qdrant");
        Received received = QDRANT.received().getLast();
        assertThat(received.rawPath()).isEqualTo("/collections/vectors/points");
        assertThat(received.rawQuery()).isEqualTo("wait=true");
        assertThat(received.body()).isEqualTo("{\"points\":[]}");
        assertThat(received.header("api-key")).containsExactly(cluster.masterKey());
        assertThat(received.header(HttpHeaders.COOKIE)).isEmpty();
        assertThat(received.headers().toString()).doesNotContain(apiKey);
    }

    @Test
    void aServerWithACertificateFromAnotherClustersCaIsRefusedAndNeverSeesTheKey() {
        TestCluster cluster = qdrantBehind(IMPOSTOR);
        String token = cluster.newToken(KeyScope.READ_WRITE);

        String body = assertProblem(request(cluster, token), 502, "urn:dbaas:problem:upstream-unavailable");

        assertThat(IMPOSTOR.received()).isEmpty();
        assertThat(body).doesNotContain(cluster.masterKey(), token, "127.0.0.1");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenFromTheClustersCa() {
        TestCluster cluster = qdrantBehind(WRONG_NAME);

        assertProblem(
                request(cluster, cluster.newToken(KeyScope.READ_WRITE)), 502, "urn:dbaas:problem:upstream-unavailable");
        assertThat(WRONG_NAME.received()).isEmpty();
    }

    private TestCluster qdrantBehind(RecordingUpstream upstream) {
        TestCluster cluster = TestCluster.under(DOMAIN);
        publish(cluster.qdrantOverTlsAt(upstream.address(), CLUSTER_CA.pem()));
        await().atMost(eventDelivery())
                .until(() -> directory.find(cluster.host()).isPresent());
        return cluster;
    }

    private WebTestClient.ResponseSpec request(TestCluster cluster, String token) {
        return gateway()
                .post()
                .uri("/collections/vectors/points/search")
                .header(HttpHeaders.HOST, cluster.host())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"vector\":[0.1],\"limit\":1}")
                .exchange();
    }
}
