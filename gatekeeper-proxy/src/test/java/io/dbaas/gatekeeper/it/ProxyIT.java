package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RecordingUpstream.Received;
import io.dbaas.gatekeeper.support.TestCluster;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Requests through the public port: who gets through, what the cluster receives, what everyone else is told. */
class ProxyIT extends GateKeeperIntegrationTest {

    private static final String UNAUTHENTICATED = "urn:dbaas:problem:unauthenticated";
    private static final String UNKNOWN_CLUSTER = "urn:dbaas:problem:unknown-cluster";

    private TestCluster clusterA;
    private TestCluster clusterB;

    @BeforeEach
    void twoClusters() {
        clusterA = provisioned(UPSTREAM_A);
        clusterB = provisioned(UPSTREAM_B);
    }

    @Test
    void aValidKeyReachesItsClusterWhichSeesTheMasterKeyAndNoneOfTheClientsCredentials() {
        String apiKey = clusterA.newApiKey();

        String answer = gateway()
                .post()
                // A URI, not a template: the client must send the escapes exactly as written.
                .uri(URI.create("http://127.0.0.1:" + port + "/collections/docs/points/search?wait=true&filter=a%20b"))
                .header(HttpHeaders.HOST, clusterA.host())
                .header("api-key", apiKey)
                .header(HttpHeaders.AUTHORIZATION, "Bearer client-jwt")
                .header(HttpHeaders.COOKIE, "session=client-cookie")
                .header("X-Request-Note", "kept")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"vector\":[0.1,0.2],\"limit\":3}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer).isEqualTo("answered by upstream-a");
        assertThat(UPSTREAM_B.received()).isEmpty();
        Received received = single(UPSTREAM_A.received());
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.rawPath()).isEqualTo("/collections/docs/points/search");
        assertThat(received.rawQuery()).isEqualTo("wait=true&filter=a%20b");
        assertThat(received.body()).isEqualTo("{\"vector\":[0.1,0.2],\"limit\":3}");
        assertThat(received.header("api-key")).containsExactly(clusterA.masterKey());
        assertThat(received.header(HttpHeaders.AUTHORIZATION)).isEmpty();
        assertThat(received.header(HttpHeaders.COOKIE)).isEmpty();
        assertThat(received.header("X-Request-Note")).containsExactly("kept");
        // The cluster is addressed by its own Service name, not the public one.
        assertThat(received.header(HttpHeaders.HOST))
                .containsExactly("127.0.0.1:" + UPSTREAM_A.address().port());
        assertThat(received.headers().toString()).doesNotContain(apiKey, "client-jwt", "client-cookie");
    }

    @Test
    void withTracingOffTheClientsTraceContextReachesTheClusterAsSent() {
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, clusterA.host())
                .header("api-key", clusterA.newApiKey())
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=value")
                .exchange()
                .expectStatus()
                .isOk();

        Received received = single(UPSTREAM_A.received());
        assertThat(received.header("traceparent"))
                .containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(received.header("tracestate")).containsExactly("vendor=value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void everyMethodPassesThrough(String method) {
        gateway()
                .method(HttpMethod.valueOf(method))
                .uri("/collections/docs")
                .header(HttpHeaders.HOST, clusterB.host())
                .header("api-key", clusterB.newApiKey())
                .exchange()
                .expectStatus()
                .isOk();

        Received received = single(UPSTREAM_B.received());
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.rawPath()).isEqualTo("/collections/docs");
        assertThat(received.header("api-key")).containsExactly(clusterB.masterKey());
    }

    /** Small answers of known length are gathered before they are sent back, others stream: both arrive whole. */
    @ParameterizedTest
    @CsvSource({
        "0, length",
        "44, length",
        "8192, length",
        "8193, length",
        "200000, length",
        "44, chunked",
        "200000, chunked"
    })
    void answersOfEverySizeComeBackWhole(int size, String framing) {
        byte[] answer = gateway()
                .get()
                .uri("/collections/docs/points?answer-bytes=" + size + "&" + framing)
                .header(HttpHeaders.HOST, clusterA.host())
                .header("api-key", clusterA.newApiKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBodyContent();

        byte[] expected = new byte[size];
        for (int i = 0; i < size; i++) {
            expected[i] = (byte) ('a' + i % 26);
        }
        assertThat(answer == null ? new byte[0] : answer).isEqualTo(expected);
    }

    /** Elasticsearch refuses a request with two Accept headers; the HTTP client's own defaults must not add one. */
    @Test
    void theClusterReceivesExactlyTheClientsAcceptAndUserAgent() {
        gateway()
                .get()
                .uri("/_search")
                .header(HttpHeaders.HOST, clusterA.host())
                .header("api-key", clusterA.newApiKey())
                .header(HttpHeaders.ACCEPT, "application/vnd.elasticsearch+json; compatible-with=8")
                .header(HttpHeaders.USER_AGENT, "elasticsearch-java/8.17")
                .exchange()
                .expectStatus()
                .isOk();

        Received received = single(UPSTREAM_A.received());
        assertThat(received.header(HttpHeaders.ACCEPT))
                .containsExactly("application/vnd.elasticsearch+json; compatible-with=8");
        assertThat(received.header(HttpHeaders.USER_AGENT)).containsExactly("elasticsearch-java/8.17");
    }

    /** A problem replaces the cluster's answer whole: none of the headers the cluster had sent reach the client. */
    @Test
    void anAnswerTheClusterBreaksOffIsABadGatewayWithoutTheClustersHeaders() {
        HttpHeaders answered = gateway()
                .get()
                .uri("/collections/docs/points?answer-bytes=4000&break-off")
                .header(HttpHeaders.HOST, clusterA.host())
                .header("api-key", clusterA.newApiKey())
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(String.class)
                .getResponseHeaders();

        assertThat(answered.containsHeader(HttpHeaders.SET_COOKIE)).isFalse();
        assertThat(answered.containsHeader(HttpHeaders.ETAG)).isFalse();
    }

    @Test
    void theHostMatchesIgnoringCaseAndPort() {
        gateway()
                .get()
                .uri("/")
                .header(HttpHeaders.HOST, clusterA.host().toUpperCase() + ":" + port)
                .header("api-key", clusterA.newApiKey())
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(UPSTREAM_A.received()).hasSize(1);
    }

    @Test
    void noKeyIsUnauthenticatedWithAChallengeAndNothingReachesTheCluster() {
        String body = assertProblem(
                gateway()
                        .get()
                        .uri("/collections")
                        .header(HttpHeaders.HOST, clusterA.host())
                        .exchange()
                        .expectHeader()
                        .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "ApiKey .*header=\"api-key\".*Bearer .*"),
                401,
                UNAUTHENTICATED);

        assertThat(body).doesNotContain(clusterA.masterKey());
        assertNothingReachedAnyCluster();
    }

    @Test
    void aKeyOfAnotherClusterIsUnauthenticated() {
        String keyOfB = clusterB.newApiKey();

        String body = assertProblem(listCollections(clusterA.host(), keyOfB), 401, UNAUTHENTICATED);

        assertThat(body).doesNotContain(keyOfB, clusterA.masterKey(), clusterB.masterKey());
        assertNothingReachedAnyCluster();
    }

    @Test
    void theMasterKeyItselfIsNotAnApiKey() {
        String body = assertProblem(listCollections(clusterA.host(), clusterA.masterKey()), 401, UNAUTHENTICATED);

        assertThat(body).doesNotContain(clusterA.masterKey());
        assertNothingReachedAnyCluster();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "dbk_",
                "not-a-key",
                "dbk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "dbk_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
            })
    void aWrongOrMalformedKeyIsUnauthenticated(String presented) {
        String body = assertProblem(listCollections(clusterA.host(), presented), 401, UNAUTHENTICATED);

        if (!presented.isEmpty()) {
            assertThat(body).doesNotContain(presented);
        }
        assertThat(body).doesNotContain(clusterA.masterKey());
        assertNothingReachedAnyCluster();
    }

    @Test
    void aForgedKeyOfTheRightShapeIsUnauthenticated() {
        // Right prefix, right length, valid base64url: only the HMAC is wrong.
        String forged = ApiKeys.issue("some-other-master-key-0123456789", KeyScope.READ_WRITE, null)
                .key();

        assertProblem(listCollections(clusterA.host(), forged), 401, UNAUTHENTICATED);
        assertNothingReachedAnyCluster();
    }

    @Test
    void anUnknownHostUnderTheDomainIsNotFound() {
        String body = assertProblem(
                gateway()
                        .get()
                        .uri("/")
                        .header(HttpHeaders.HOST, TestCluster.under(DOMAIN).host())
                        .header("api-key", clusterA.newApiKey())
                        .exchange(),
                404,
                UNKNOWN_CLUSTER);

        assertThat(body).doesNotContain(clusterA.masterKey());
        assertNothingReachedAnyCluster();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "dbaas.localhost", "127.0.0.1", "evil-dbaas.localhost"})
    void aHostOutsideTheDomainIsNotFound(String host) {
        String apiKey = clusterA.newApiKey();

        String body = assertProblem(
                gateway()
                        .get()
                        .uri("/")
                        .header(HttpHeaders.HOST, host)
                        .header("api-key", apiKey)
                        .exchange(),
                404,
                UNKNOWN_CLUSTER);

        assertThat(body).doesNotContain(apiKey);
        assertNothingReachedAnyCluster();
    }

    @Test
    void theClusterHostNameCannotBeSmuggledInAnotherHeader() {
        // Only Host chooses the cluster; forwarding headers from the client do not.
        assertProblem(
                gateway()
                        .get()
                        .uri("/")
                        .header(HttpHeaders.HOST, "example.com")
                        .header("X-Forwarded-Host", clusterA.host())
                        .header("Forwarded", "host=" + clusterA.host())
                        .header("api-key", clusterA.newApiKey())
                        .exchange(),
                404,
                UNKNOWN_CLUSTER);

        assertNothingReachedAnyCluster();
    }

    private static void assertNothingReachedAnyCluster() {
        assertThat(UPSTREAM_A.received()).isEmpty();
        assertThat(UPSTREAM_B.received()).isEmpty();
    }

    private static Received single(List<Received> received) {
        assertThat(received).hasSize(1);
        return received.getFirst();
    }
}
