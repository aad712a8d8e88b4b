package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.support.DroppingUpstream;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RecordingUpstream;
import io.dbaas.gatekeeper.support.RecordingUpstream.Received;
import io.dbaas.gatekeeper.support.TestCertificates;
import io.dbaas.gatekeeper.support.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Elasticsearch clusters answer over HTTPS with a certificate from their own CA, announced in the event. GateKeeper
 * trusts that CA for that cluster only, checks the host name, and logs in as {@code elastic} with the master key.
 */
class ElasticsearchUpstreamIT extends GateKeeperIntegrationTest {

    private static final TestCertificates.Authority CLUSTER_CA = TestCertificates.authority();
    private static final TestCertificates.Authority FOREIGN_CA = TestCertificates.authority();

    private static final RecordingUpstream ELASTICSEARCH =
            RecordingUpstream.https("elasticsearch", CLUSTER_CA.serverContext("127.0.0.1"));

    /** A server whose certificate another CA signed: an impostor, as far as the cluster's CA can tell. */
    private static final RecordingUpstream IMPOSTOR =
            RecordingUpstream.https("impostor", FOREIGN_CA.serverContext("127.0.0.1"));

    /** The right CA, but a certificate for another address. */
    private static final RecordingUpstream WRONG_NAME =
            RecordingUpstream.https("wrong-name", CLUSTER_CA.serverContext("127.0.0.2"));

    @Test
    void aRequestReachesElasticsearchOverHttpsAsElasticWithTheMasterKeyAndNoClientCredential() {
        TestCluster cluster = elasticsearch(ELASTICSEARCH);
        String apiKey = cluster.newApiKey();
        ELASTICSEARCH.forget();

        String answer = gateway()
                .post()
                .uri("/logs/_doc?refresh=true")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", apiKey)
                .header(HttpHeaders.COOKIE, "session=client-cookie")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"message\":\"hello\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer).isEqualTo("answered by elasticsearch");
        Received received = ELASTICSEARCH.received().getLast();
        assertThat(received.rawPath()).isEqualTo("/logs/_doc");
        assertThat(received.rawQuery()).isEqualTo("refresh=true");
        assertThat(received.body()).isEqualTo("{\"message\":\"hello\"}");
        assertThat(received.header(HttpHeaders.AUTHORIZATION)).containsExactly(basic("elastic:" + cluster.masterKey()));
        assertThat(received.header("api-key")).isEmpty();
        assertThat(received.header(HttpHeaders.COOKIE)).isEmpty();
        assertThat(received.headers().toString()).doesNotContain(apiKey);
    }

    @Test
    void aSearchWhoseNodeWentAwayIsSentAgainAsElasticWithTheMasterKey() throws Exception {
        try (DroppingUpstream node = DroppingUpstream.httpsDroppingFirst(1, CLUSTER_CA.serverContext("127.0.0.1"))) {
            TestCluster cluster = elasticsearchAt(node.address());
            String apiKey = cluster.newApiKey();

            gateway()
                    .get()
                    .uri("/logs/_search?q=hello")
                    .header(HttpHeaders.HOST, cluster.host())
                    .header("api-key", apiKey)
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(node.authorizations())
                    .containsExactly(basic("elastic:" + cluster.masterKey()), basic("elastic:" + cluster.masterKey()));
        }
    }

    @Test
    void aClientsOwnAuthorizationIsReplacedAndAReadOnlyTokenMaySearchButNotIndex() {
        TestCluster cluster = elasticsearch(ELASTICSEARCH);
        String token = cluster.newToken(KeyScope.READ_ONLY);
        ELASTICSEARCH.forget();

        request(cluster, "/logs/_search", token).expectStatus().isOk();
        assertThat(ELASTICSEARCH.received().getLast().header(HttpHeaders.AUTHORIZATION))
                .containsExactly(basic("elastic:" + cluster.masterKey()));

        assertProblem(request(cluster, "/logs/_doc", token), 403, "urn:dbaas:problem:read-only-credential");
        assertThat(ELASTICSEARCH.received()).hasSize(1);
    }

    @Test
    void aServerWithACertificateFromAnotherCaIsNotTrusted() {
        TestCluster cluster = elasticsearch(IMPOSTOR);

        String body = assertProblem(
                request(cluster, "/logs/_search", cluster.newToken(KeyScope.READ_WRITE)),
                502,
                "urn:dbaas:problem:upstream-unavailable");

        assertThat(IMPOSTOR.received()).isEmpty();
        assertThat(body).doesNotContain(cluster.masterKey(), "127.0.0.1");
    }

    @Test
    void aCertificateForAnotherHostIsNotTrustedEvenFromTheClustersCa() {
        TestCluster cluster = elasticsearch(WRONG_NAME);

        assertProblem(
                request(cluster, "/logs/_search", cluster.newToken(KeyScope.READ_WRITE)),
                502,
                "urn:dbaas:problem:upstream-unavailable");
        assertThat(WRONG_NAME.received()).isEmpty();
    }

    private TestCluster elasticsearch(RecordingUpstream upstream) {
        return elasticsearchAt(upstream.address());
    }

    private TestCluster elasticsearchAt(ServiceAddress address) {
        TestCluster cluster = TestCluster.under(DOMAIN);
        publish(cluster.elasticsearchAt(address, CLUSTER_CA.pem()));
        await().atMost(eventDelivery())
                .until(() -> directory.find(cluster.host()).isPresent());
        return cluster;
    }

    private WebTestClient.ResponseSpec request(TestCluster cluster, String path, String token) {
        return gateway()
                .post()
                .uri(path)
                .header(HttpHeaders.HOST, cluster.host())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
